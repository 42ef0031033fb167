package com.billrun.usecases.corrections;

import com.billrun.documents.CreditNoteDocument;
import com.billrun.documents.PrintedCreditNote;
import com.billrun.store.CustomerAccount;
import com.billrun.store.StoredCreditNote;

/** The customer's credit note document, the same downloaded or attached to the email: bill-to from the account as it is now. */
public final class CreditNotePdf {

    private CreditNotePdf() {
    }

    public static byte[] render(StoredCreditNote note, CustomerAccount account) {
        return CreditNoteDocument.render(new PrintedCreditNote(null, note.number(), note.date(), note.invoiceNumber(),
                account.name(), account.billToEmail(), note.currency(), note.reason(), note.lines(), note.subtotal(),
                note.taxTotal(), note.total()));
    }

    /** "CN-000001.pdf". */
    public static String fileName(StoredCreditNote note) {
        return note.number() + ".pdf";
    }
}
