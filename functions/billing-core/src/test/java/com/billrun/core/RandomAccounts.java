package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Valid random billing data for the properties: cheap to build, every rule reachable. */
final class RandomAccounts {

    static final LocalDate EPOCH = LocalDate.of(2023, 1, 1);
    private static final String[] CURRENCIES = {"USD", "JPY", "KWD"};

    private RandomAccounts() {
    }

    static BillingRequest request(Random random) {
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        Account account = new Account("acc", currency, 1 + random.nextInt(31),
                BigDecimal.valueOf(random.nextInt(25_000), 3), null);
        List<Subscription> subscriptions = new ArrayList<>();
        List<UsageRecord> usage = new ArrayList<>();
        for (int s = 0; s < 1 + random.nextInt(3); s++) {
            subscriptions.add(subscription(random, "sub-" + s, scale, usage));
        }
        TenantSettings settings = new TenantSettings(pick(random, ProrationMethod.values()),
                random.nextBoolean() ? java.math.RoundingMode.HALF_UP : java.math.RoundingMode.HALF_EVEN);
        return new BillingRequest("inv", account, subscriptions, usage, EPOCH.plusDays(random.nextInt(900)), null,
                settings, null);
    }

    private static Subscription subscription(Random random, String id, int scale, List<UsageRecord> usage) {
        LocalDate start = EPOCH.plusDays(random.nextInt(600));
        LocalDate end = random.nextInt(3) == 0 ? start.plusDays(random.nextInt(400)) : null;
        List<Charge> charges = new ArrayList<>();
        for (int c = 0; c < 1 + random.nextInt(3); c++) {
            Charge charge = charge(random, "ch-" + c, start, scale);
            charges.add(charge);
            if (charge.type() == ChargeType.USAGE) {
                for (int u = 0; u < random.nextInt(6); u++) {
                    usage.add(new UsageRecord(id, charge.id(), start.plusDays(random.nextInt(500)),
                            BigDecimal.valueOf(random.nextInt(5000), 1)));
                }
            }
        }
        return new Subscription(id, start, end, charges);
    }

    private static Charge charge(Random random, String id, LocalDate start, int scale) {
        ChargeType type = pick(random, ChargeType.values());
        PricingModel model = type == ChargeType.USAGE
                ? pick(random, new PricingModel[] {PricingModel.PER_UNIT, PricingModel.TIERED, PricingModel.VOLUME})
                : pick(random, PricingModel.values());
        BigDecimal price = switch (model) {
            case FLAT_FEE -> BigDecimal.valueOf(random.nextInt(1_000_000), scale);
            case PER_UNIT -> BigDecimal.valueOf(random.nextInt(100_000_000), 6);
            default -> null;
        };
        List<Tier> tiers = price == null ? List.of(new Tier(BigDecimal.TEN, new BigDecimal("1.5")),
                new Tier(BigDecimal.valueOf(100), new BigDecimal("0.123456")), new Tier(null, new BigDecimal("0.01")))
                : null;
        LocalDate ctd = random.nextInt(4) == 0 ? start.plusDays(random.nextInt(400)) : null;
        return new Charge(id, id, type, model, price, tiers, BigDecimal.valueOf(random.nextInt(200), 1),
                pick(random, BillingPeriod.values()), pick(random, BillingTiming.values()),
                random.nextBoolean() ? null : start.plusDays(random.nextInt(60)), discount(random, scale),
                random.nextInt(4) != 0, ctd);
    }

    private static Discount discount(Random random, int scale) {
        Integer periods = random.nextBoolean() ? null : 1 + random.nextInt(4);
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> new Discount(BigDecimal.valueOf(random.nextInt(10_001), 2), null, periods);
            default -> new Discount(null, BigDecimal.valueOf(random.nextInt(100_000), scale), periods);
        };
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
