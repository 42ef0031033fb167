package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One charge being billed in one run: its context, and the lines and charged-through move it produces.
 * Every line of the charge is built by {@link #line} so that they all carry the same identity.
 */
final class ChargeRun {

    final Subscription subscription;
    final Charge charge;
    final Money money;
    final ProrationMethod prorationMethod;
    final LocalDate targetDate;
    final int billCycleDay;
    final List<InvoiceItem> items = new ArrayList<>(4);
    private LocalDate chargedThrough;

    ChargeRun(Subscription subscription, Charge charge, Money money, ProrationMethod prorationMethod,
              LocalDate targetDate, int billCycleDay) {
        this.subscription = subscription;
        this.charge = charge;
        this.money = money;
        this.prorationMethod = prorationMethod;
        this.targetDate = targetDate;
        this.billCycleDay = billCycleDay;
        this.chargedThrough = charge.chargedThroughDate();
    }

    LocalDate chargeStart() {
        return charge.startDate() == null ? subscription.startDate() : charge.startDate();
    }

    /** The first day a run may still bill: the charged-through date, or the charge start when never billed. */
    LocalDate firstUnbilledDay() {
        return chargedThrough == null ? chargeStart() : chargedThrough;
    }

    boolean isFor(UsageRecord record) {
        return record.subscriptionId().equals(subscription.id()) && charge.id().equals(record.chargeId());
    }

    BillingCycle cycle() {
        return new BillingCycle(chargeStart(), charge.billingPeriod(), billCycleDay);
    }

    /** Moves the charged-through date; a run that billed nothing leaves a never-billed charge unbilled. */
    void chargeThrough(LocalDate date) {
        if (!date.equals(firstUnbilledDay())) {
            chargedThrough = date;
        }
    }

    /** The charged-through move of this run, or null when the charge stays where it was. */
    ChargedThroughDate chargedThroughMove() {
        LocalDate previous = charge.chargedThroughDate();
        if (chargedThrough == null || chargedThrough.equals(previous)) {
            return null;
        }
        return new ChargedThroughDate(subscription.id(), charge.id(), previous, chargedThrough);
    }

    InvoiceItem line(ItemKind kind, ServicePeriod period, BigDecimal quantity, BigDecimal unitPrice,
                     BigDecimal amount) {
        return new InvoiceItem(subscription.id(), charge.id(), charge.name(), kind, period.start(),
                period.endInclusive(), quantity, unitPrice, amount, charge.taxable());
    }

    /** Adds the line for a rated period and, right after it, its discount line when one applies. */
    void bill(ItemKind kind, ServicePeriod period, Rating.Rated rated, BigDecimal amount, Proration share) {
        InvoiceItem line = line(kind, period, rated.quantity(), rated.unitPrice(), amount);
        items.add(line);
        InvoiceItem discount = DiscountRule.discountFor(this, period, share, line.amount());
        if (discount != null) {
            items.add(discount);
        }
    }
}
