package com.billrun.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The billing engine (functions/billing-core/RULES.md): one pure, deterministic function from an account's billing data and a
 * target date to the draft invoice a run would generate and the charged-through moves that go with it. It
 * reads no clock, creates no ids and stores nothing, so the invoice preview is the same call.
 *
 * <p>Where the design is silent (details in RULES.md): charged-through dates and subscription end dates are
 * exclusive (first unbilled day, first day without service); a recurring charge billed past its end date is
 * credited for the unused days on the next run; usage is rated per billing period in arrears on the period's
 * total; discount periods count the charge's billing periods, a partial first one included.
 *
 * <p>Invalid account-level data throws {@link BillingDataException} naming the field and nothing is computed;
 * an invalid subscription becomes a {@link SubscriptionFailure} and the other subscriptions still bill.
 * Lines come in input order: subscription, charge, then period.
 */
public final class InvoiceGenerator {

    private InvoiceGenerator() {
    }

    public static BillingResult generate(BillingRequest request) {
        Check.present(request, "request");
        Money money = AccountValidation.check(request);
        UsageValidation.checkAccount(request);
        Accumulator run = new Accumulator();
        List<Subscription> subscriptions = request.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription subscription = subscriptions.get(i);
            if (subscription == null || subscription.id() == null) {
                throw new BillingDataException("subscriptions[" + i + "].id", "is required");
            }
            try {
                SubscriptionValidation.check(subscription, money.scale());
                UsageValidation.checkSubscription(subscription, request.usage());
                billSubscription(request, money, subscription, run);
            } catch (BillingDataException invalid) {
                run.failures.add(new SubscriptionFailure(subscription.id(), invalid.field(), invalid.reason()));
            }
        }
        return new BillingResult(InvoiceAssembler.assemble(request, money, run.items), run.moves, run.failures);
    }

    /** What the account's subscriptions produced so far. */
    private static final class Accumulator {
        final List<InvoiceItem> items = new ArrayList<>();
        final List<ChargedThroughDate> moves = new ArrayList<>();
        final List<SubscriptionFailure> failures = new ArrayList<>();
    }

    /** Bills a validated subscription; nothing is added to {@code into} before its data proved valid. */
    private static void billSubscription(BillingRequest request, Money money, Subscription subscription,
                                         Accumulator into) {
        for (Charge charge : subscription.charges()) {
            if (request.chargeTypesToExclude().contains(charge.type())) {
                continue;
            }
            ChargeRun run = new ChargeRun(subscription, charge, money, request.settings().prorationMethod(),
                    request.targetDate(), request.account().billCycleDay());
            billCharge(run, request.usage());
            into.items.addAll(run.items);
            ChargedThroughDate move = run.chargedThroughMove();
            if (move != null) {
                into.moves.add(move);
            }
        }
    }

    private static void billCharge(ChargeRun run, List<UsageRecord> usage) {
        switch (run.charge.type()) {
            case RECURRING -> RecurringBilling.bill(run);
            case ONE_TIME -> OneTimeBilling.bill(run);
            case USAGE -> UsageBilling.bill(run, usage);
        }
    }
}
