package com.billrun.usecases.accounts;

import com.billrun.core.BillingDataException;
import com.billrun.core.Charge;
import com.billrun.core.CurrencyUnits;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.core.SubscriptionValidation;
import com.billrun.core.Tier;
import com.billrun.store.AccountRepository;
import com.billrun.store.ChargeAmendment;
import com.billrun.store.CustomerAccount;
import com.billrun.store.NotFoundException;
import com.billrun.store.StoredSubscription;
import com.billrun.store.SubscriptionRepository;
import com.billrun.usecases.corrections.CorrectionConflictException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/**
 * Replaces the pricing of a charge that was never billed ({@code PUT /subscriptions/{id}/charges/{chargeId}}):
 * how a finance team fixes a charge a run could not bill (the failures tab) before retrying the run. Only while the
 * charge has no charged-through date: changing what billed periods cost is a credit note's business
 * (functions/billing-core/RULES.md), so a billed charge is refused (409 naming {@code chargedThroughDate}). The
 * amended charge is checked by billing-core's own rules, as at creation ({@link SubscriptionValidation}), and the
 * change is recorded on the subscription (a {@link ChargeAmendment}, in the account's activity). The same pricing
 * again writes nothing: sending a PUT twice amends once.
 */
public final class AmendCharge {

    private static final int ATTEMPTS = 3;

    /** The new pricing: {@code price} for FLAT_FEE and PER_UNIT, {@code tiers} for TIERED and VOLUME. */
    public record Pricing(BigDecimal price, List<Tier> tiers, BigDecimal quantity) {
        public Pricing {
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
        }

        public static Pricing of(BigDecimal price, List<Tier> tiers, BigDecimal quantity) {
            return new Pricing(price, tiers, quantity);
        }
    }

    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final Clock clock;

    public AmendCharge(AccountRepository accounts, SubscriptionRepository subscriptions, Clock clock) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /**
     * @param by the caller's email (null when the token has none)
     * @return the subscription as stored afterwards
     */
    public StoredSubscription amend(String tenantId, String subscriptionId, String chargeId, Pricing pricing, String by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredSubscription read = subscriptions.find(tenantId, subscriptionId)
                    .orElseThrow(() -> new NotFoundException("subscription", subscriptionId));
            List<Charge> charges = read.subscription().charges();
            int index = indexOf(charges, chargeId);
            if (index < 0) {
                throw new NotFoundException("charge", chargeId);
            }
            Charge charge = charges.get(index);
            if (charge.chargedThroughDate() != null) {
                throw new CorrectionConflictException("chargedThroughDate", "charge " + chargeId + " is billed through "
                        + charge.chargedThroughDate() + ": its pricing can change only before it is first billed;"
                        + " an amendment of billed periods is a credit note (POST /invoices/{id}/credit-notes)");
            }
            CustomerAccount account = accounts.find(tenantId, read.accountId())
                    .orElseThrow(() -> new NotFoundException("account", read.accountId()));
            Charge amended = amended(charge, pricing);
            check(read.subscription(), amended, account.currency());
            if (amended.equals(charge)) {
                return read;
            }
            ChargeAmendment amendment = new ChargeAmendment(subscriptionId, chargeId, charge.name(), clock.instant(), by,
                    CurrencyUnits.minorUnits(account.currency(), "currency"));
            if (subscriptions.amendCharge(tenantId, read, index, amended, amendment)) {
                List<Charge> after = new java.util.ArrayList<>(charges);
                after.set(index, amended);
                Subscription subscription = read.subscription();
                return new StoredSubscription(read.accountId(), new Subscription(subscription.id(),
                        subscription.startDate(), subscription.endDate(), after), read.version() + 1);
            }
            // A run billed it or another amendment came in between: read again and decide again.
        }
        throw new AccountConflictException("subscription " + subscriptionId + " kept changing; send the amendment again");
    }

    private static int indexOf(List<Charge> charges, String chargeId) {
        for (int i = 0; i < charges.size(); i++) {
            if (charges.get(i).id().equals(chargeId)) {
                return i;
            }
        }
        return -1;
    }

    private static Charge amended(Charge charge, Pricing pricing) {
        boolean tiered = charge.model() == PricingModel.TIERED || charge.model() == PricingModel.VOLUME;
        if (tiered && pricing.price() != null || !tiered && !pricing.tiers().isEmpty()) {
            throw new BillingDataException(tiered ? "price" : "tiers",
                    "a " + charge.model() + " charge is priced by " + (tiered ? "tiers" : "price") + " only");
        }
        BigDecimal quantity = pricing.quantity() == null ? charge.quantity() : pricing.quantity();
        return new Charge(charge.id(), charge.name(), charge.type(), charge.model(), pricing.price(), pricing.tiers(),
                quantity, charge.billingPeriod(), charge.billingTiming(), charge.startDate(), charge.discount(),
                charge.taxable(), null);
    }

    /** billing-core's check at creation, on the subscription holding the amended charge alone: fields as sent. */
    private static void check(Subscription subscription, Charge amended, String currency) {
        try {
            SubscriptionValidation.validate(new Subscription(subscription.id(), subscription.startDate(),
                    subscription.endDate(), List.of(amended)), currency);
        } catch (BillingDataException e) {
            String prefix = "charges[0].";
            throw e.field().startsWith(prefix) ? new BillingDataException(e.field().substring(prefix.length()), e.reason()) : e;
        }
    }
}
