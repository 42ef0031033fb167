package com.billrun.functions.api;

import com.billrun.core.AccountStatus;
import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.CurrencyUnits;
import com.billrun.core.Discount;
import com.billrun.core.EmailAddress;
import com.billrun.core.PricingModel;
import com.billrun.core.RequestLimits;
import com.billrun.core.Subscription;
import com.billrun.core.SubscriptionValidation;
import com.billrun.core.Tier;
import com.billrun.store.CustomerAccount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the bodies of POST /accounts and POST /accounts/{id}/subscriptions (functions/billing-core/RULES.md, infra/openapi.yaml). The shape and each
 * field's own range are checked here; a subscription is then checked by billing-core's own validation
 * ({@link SubscriptionValidation}), so that whatever the API accepts, a run can bill.
 */
final class AccountRequests {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Tax rates such as 8.875 %: four decimals are plenty and keep the tax line's arithmetic exact. */
    private static final int PERCENT_DECIMALS = 4;

    private AccountRequests() {
    }

    static CustomerAccount account(JsonBody body) {
        String id = body.string("id").map(value -> Ids.require(value, "id")).orElseGet(Ids::newId);
        String name = body.requiredString("name", RequestLimits.MAX_NAME_LENGTH);
        String billToEmail = body.requiredString("billToEmail", RequestLimits.MAX_EMAIL_LENGTH);
        String currency = body.requiredString("currency");
        int billCycleDay = body.requiredInteger("billCycleDay", 1, 31);
        String batch = body.string("batch").map(value -> Ids.require(value, "batch")).orElse(null);
        BigDecimal taxRate = body.decimal("taxRate").map(rate -> percent(rate, "taxRate")).orElse(null);
        Integer paymentTermDays = body.integer("paymentTermDays", 0, 365).orElse(null);
        body.rejectUnknownFields();
        EmailAddress.problem(billToEmail).ifPresent(reason -> {
            throw ApiProblem.invalid("billToEmail", "is not an email address: it " + reason);
        });
        if (!CURRENCY.matcher(currency).matches()) {
            throw ApiProblem.invalid("currency", "must be an ISO 4217 code such as USD");
        }
        // The balance is money like any other: "0.00" in USD, "0" in JPY, and every posting and payment keeps that scale.
        BigDecimal balance = BigDecimal.ZERO.setScale(CurrencyUnits.minorUnits(currency, "currency"));
        return new CustomerAccount(id, name, billToEmail, currency, billCycleDay, batch, taxRate, paymentTermDays,
                AccountStatus.ACTIVE, balance);
    }

    /** A new subscription of an account billed in {@code currency}; charges without an id are named c1, c2, ... */
    static Subscription subscription(JsonBody body, String currency) {
        String id = body.string("id").map(value -> Ids.require(value, "id")).orElseGet(Ids::newId);
        LocalDate startDate = body.requiredDate("startDate");
        LocalDate endDate = body.date("endDate").orElse(null);
        List<JsonBody> chargeBodies = body.objects("charges", RequestLimits.MAX_CHARGES_PER_SUBSCRIPTION);
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
        Subscription subscription = new Subscription(id, startDate, endDate, charges);
        SubscriptionValidation.validate(subscription, currency);
        return subscription;
    }

    private static Charge charge(JsonBody body, String defaultId) {
        String id = body.string("id").map(value -> Ids.require(value, body.path("id"))).orElse(defaultId);
        String name = body.requiredString("name", RequestLimits.MAX_NAME_LENGTH);
        ChargeType type = body.enumValue("type", ChargeType.class).orElseThrow(() -> body.missing("type"));
        PricingModel model = body.enumValue("model", PricingModel.class).orElseThrow(() -> body.missing("model"));
        BigDecimal price = body.decimal("price").orElse(null);
        List<Tier> tiers = body.objects("tiers", RequestLimits.MAX_TIERS_PER_CHARGE).stream().map(AccountRequests::tier).toList();
        BigDecimal quantity = body.decimal("quantity").orElse(null);
        BillingPeriod period = body.enumValue("billingPeriod", BillingPeriod.class).orElse(null);
        BillingTiming timing = body.enumValue("billingTiming", BillingTiming.class).orElse(null);
        LocalDate startDate = body.date("startDate").orElse(null);
        Discount discount = body.object("discount").map(AccountRequests::discount).orElse(null);
        boolean taxable = body.optionalFlag("taxable").orElse(true);
        body.rejectUnknownFields();
        boolean tiered = model == PricingModel.TIERED || model == PricingModel.VOLUME;
        if (tiered && price != null || !tiered && !tiers.isEmpty()) {
            throw ApiProblem.invalid(body.path(tiered ? "price" : "tiers"),
                    "a " + model + " charge is priced by " + (tiered ? "tiers" : "price") + " only");
        }
        return new Charge(id, name, type, model, price, tiers, quantity, period, timing, startDate, discount, taxable, null);
    }

    private static Tier tier(JsonBody body) {
        Tier tier = new Tier(body.decimal("upTo").orElse(null), body.requiredDecimal("unitPrice"));
        body.rejectUnknownFields();
        return tier;
    }

    private static Discount discount(JsonBody body) {
        Discount discount = new Discount(body.decimal("percent").map(value -> percent(value, body.path("percent"))).orElse(null),
                body.decimal("amount").orElse(null), body.integer("periods", 1, 1200).orElse(null));
        body.rejectUnknownFields();
        if ((discount.percent() == null) == (discount.amount() == null)) {
            throw ApiProblem.invalid(body.path("percent"), "give either percent or amount");
        }
        return discount;
    }

    private static BigDecimal percent(BigDecimal value, String field) {
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw ApiProblem.invalid(field, "must be a percent from 0 to 100");
        }
        if (value.stripTrailingZeros().scale() > PERCENT_DECIMALS) {
            throw ApiProblem.invalid(field, "has more than " + PERCENT_DECIMALS + " decimals");
        }
        return value;
    }
}
