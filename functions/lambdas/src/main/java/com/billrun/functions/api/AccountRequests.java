package com.billrun.functions.api;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.Discount;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.core.Tier;
import com.billrun.store.AccountStatus;
import com.billrun.store.CustomerAccount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Reads the bodies of POST /accounts and POST /accounts/{id}/subscriptions (DESIGN.md §3, §4). It checks the
 * shape and the ranges a field can have on its own; the billing engine checks the rest when it bills, and
 * records what it cannot bill as a run failure.
 */
final class AccountRequests {

    private AccountRequests() {
    }

    static CustomerAccount account(JsonBody body) {
        String id = body.string("id").map(value -> Ids.require(value, "id")).orElseGet(Ids::newId);
        String name = body.requiredString("name");
        String billToEmail = body.requiredString("billToEmail");
        String currency = body.requiredString("currency");
        int billCycleDay = body.requiredInteger("billCycleDay", 1, 31);
        String batch = body.string("batch").map(value -> Ids.require(value, "batch")).orElse(null);
        BigDecimal taxRate = body.decimal("taxRate").orElse(null);
        Integer paymentTermDays = body.integer("paymentTermDays", 0, 365).orElse(null);
        body.rejectUnknownFields();
        if (!billToEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiProblem.invalid("billToEmail", "is not an email address");
        }
        requireCurrency(currency);
        if (taxRate != null && (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw ApiProblem.invalid("taxRate", "must be a percent from 0 to 100");
        }
        return new CustomerAccount(id, name, billToEmail, currency, billCycleDay, batch, taxRate, paymentTermDays,
                AccountStatus.ACTIVE, BigDecimal.ZERO);
    }

    static Subscription subscription(JsonBody body) {
        String id = body.string("id").map(value -> Ids.require(value, "id")).orElseGet(Ids::newId);
        LocalDate startDate = body.requiredDate("startDate");
        LocalDate endDate = body.date("endDate").orElse(null);
        List<JsonBody> chargeBodies = body.objects("charges");
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < chargeBodies.size(); i++) {
            charges.add(charge(chargeBodies.get(i), "c" + (i + 1)));
        }
        body.rejectUnknownFields();
        if (charges.isEmpty()) {
            throw ApiProblem.invalid("charges", "at least one charge is required");
        }
        if (endDate != null && !endDate.isAfter(startDate)) {
            throw ApiProblem.invalid("endDate", "must be after startDate");
        }
        return new Subscription(id, startDate, endDate, charges);
    }

    private static Charge charge(JsonBody body, String defaultId) {
        String id = body.string("id").map(value -> Ids.require(value, body.path("id"))).orElse(defaultId);
        String name = body.requiredString("name");
        ChargeType type = body.enumValue("type", ChargeType.class).orElseThrow(() -> body.missing("type"));
        PricingModel model = body.enumValue("model", PricingModel.class).orElseThrow(() -> body.missing("model"));
        BigDecimal price = body.decimal("price").orElse(null);
        List<Tier> tiers = body.objects("tiers").stream().map(tier -> tier(tier)).toList();
        BigDecimal quantity = body.decimal("quantity").orElse(null);
        BillingPeriod period = body.enumValue("billingPeriod", BillingPeriod.class).orElse(null);
        BillingTiming timing = body.enumValue("billingTiming", BillingTiming.class).orElse(null);
        LocalDate startDate = body.date("startDate").orElse(null);
        Discount discount = body.object("discount").map(AccountRequests::discount).orElse(null);
        boolean taxable = !body.has("taxable") || body.flag("taxable");
        body.rejectUnknownFields();
        boolean tiered = model == PricingModel.TIERED || model == PricingModel.VOLUME;
        if (tiered && tiers.isEmpty()) {
            throw ApiProblem.invalid(body.path("tiers"), "a " + model + " charge needs tiers");
        }
        if (!tiered && price == null) {
            throw ApiProblem.invalid(body.path("price"), "a " + model + " charge needs a price");
        }
        if (type != ChargeType.ONE_TIME && (period == null || timing == null)) {
            throw ApiProblem.invalid(body.path(period == null ? "billingPeriod" : "billingTiming"), "a " + type + " charge needs it");
        }
        return new Charge(id, name, type, model, price, tiers, quantity, period, timing, startDate, discount, taxable, null);
    }

    private static Tier tier(JsonBody body) {
        Tier tier = new Tier(body.decimal("upTo").orElse(null),
                body.decimal("unitPrice").orElseThrow(() -> body.missing("unitPrice")));
        body.rejectUnknownFields();
        return tier;
    }

    private static Discount discount(JsonBody body) {
        Discount discount = new Discount(body.decimal("percent").orElse(null), body.decimal("amount").orElse(null),
                body.integer("periods", 1, 1200).orElse(null));
        body.rejectUnknownFields();
        if ((discount.percent() == null) == (discount.amount() == null)) {
            throw ApiProblem.invalid(body.path("percent"), "give either percent or amount");
        }
        return discount;
    }

    private static void requireCurrency(String code) {
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() >= 0) {
                return;
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw ApiProblem.invalid("currency", code + " is not an ISO 4217 currency of payment");
    }
}
