package com.billrun.documents;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.Account;
import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingRequest;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.Discount;
import com.billrun.core.Invoice;
import com.billrun.core.InvoiceGenerator;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The engine's invoice, as the API hands it over through {@link PrintedInvoice#of}, prints the engine's amounts. */
class EngineInvoiceDocumentTest {

    @Test
    void aProratedDiscountedInvoiceFromTheEngine() throws IOException {
        // BCD 1, a 100.00 monthly plan from Jan 15 with 10% off: stub Jan 15..31 = 17/31 × 100 = 54.84, discount -5.48;
        // tax 20% of 49.36 = 9.87; due 30 days after the invoice date.
        Charge plan = new Charge("ch-1", "Team plan", ChargeType.RECURRING, PricingModel.FLAT_FEE,
                new BigDecimal("100.00"), null, null, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null,
                new Discount(new BigDecimal("10"), null, null), true, null);
        Account account = new Account("acc-1", "EUR", 1, new BigDecimal("20"), null);
        Invoice invoice = InvoiceGenerator.generate(BillingRequest.of("inv-1", account,
                List.of(new Subscription("sub-1", LocalDate.parse("2024-01-15"), null, List.of(plan))), null,
                LocalDate.parse("2024-01-15"))).invoice().orElseThrow();

        byte[] pdf = InvoiceDocument.render(PrintedInvoice.of(invoice, null, "Umbrella GmbH", "billing@umbrella.example",
                account.taxRate(), invoice.total()));

        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        for (String expected : List.of("Invoice number DRAFT", "Invoice date 2024-01-15", "Due date 2024-02-14",
                "Umbrella GmbH", "Team plan 2024-01-15 - 2024-01-31 1 100.00 54.84",
                "Team plan (discount) 2024-01-15 - 2024-01-31 -5.48", "Subtotal EUR 49.36",
                "Tax (20%) EUR 9.87", "Total EUR 59.23", "Balance due EUR 59.23")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
        }
    }
}
