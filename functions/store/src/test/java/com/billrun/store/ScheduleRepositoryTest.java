package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.ChargeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schedules per tenant, and the local scheduler's list of armed schedules ordered by next firing. */
class ScheduleRepositoryTest {

    private static final Instant CREATED = Instant.parse("2026-01-15T10:00:00Z");
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
    }

    @Test
    void aScheduleIsStoredWithItsTemplateListedPerTenantAndDeletedOnce() {
        RunTemplate template = RunOptionsBuilder.template().invoiceDateOffsetDays(-1).batches("Batch1").billCycleDay(1)
                .excluding(ChargeType.USAGE).autoPost().autoEmail().buildTemplate();
        Schedule schedule = schedule("sched-a", "s1", template);

        assertTrue(store.schedules().create(schedule));
        assertFalse(store.schedules().create(schedule), "same id twice");
        store.schedules().create(schedule("sched-a", "s2", RunTemplate.ALL_ACCOUNTS));
        store.schedules().create(schedule("sched-b", "s1", RunTemplate.ALL_ACCOUNTS));

        assertEquals(Optional.of(schedule), store.schedules().find("sched-a", "s1"));
        Page<Schedule> first = store.schedules().list("sched-a", null, 1);
        Page<Schedule> second = store.schedules().list("sched-a", first.nextCursor(), 1);
        assertEquals(List.of("s1", "s2"), List.of(first.items().getFirst().id(), second.items().getFirst().id()));
        assertTrue(store.schedules().delete("sched-a", "s1"));
        assertFalse(store.schedules().delete("sched-a", "s1"));
        assertEquals(Optional.empty(), store.schedules().find("sched-a", "s1"));
        assertTrue(store.schedules().find("sched-b", "s1").isPresent(), "the other tenant's s1 is another schedule");
    }

    @Test
    void armedSchedulesAreDueInTimeOrderAndAdvanceOnlyFromTheFiringRead() {
        Instant nine = Instant.parse("2030-03-01T09:00:00Z");
        store.schedules().create(schedule("due-a", "early", RunTemplate.ALL_ACCOUNTS));
        store.schedules().create(schedule("due-b", "later", RunTemplate.ALL_ACCOUNTS));
        store.schedules().create(schedule("due-b", "unarmed", RunTemplate.ALL_ACCOUNTS));
        store.schedules().armLocalFiring("due-a", "early", nine);
        store.schedules().armLocalFiring("due-b", "later", nine.plusSeconds(60));

        assertEquals(List.of(), due(nine.minusSeconds(1)));
        assertEquals(List.of("early"), due(nine.plusMillis(999)));
        List<DueSchedule> both = store.schedules().dueForLocalFiring(nine.plusSeconds(60), 10).stream()
                .filter(d -> d.schedule().tenantId().startsWith("due-")).toList();
        assertEquals(List.of("early", "later"), both.stream().map(d -> d.schedule().id()).toList());
        assertEquals(nine, both.getFirst().scheduledTime());

        DueSchedule early = both.getFirst();
        assertTrue(store.schedules().advanceLocalFiring(early, Optional.of(nine.plusSeconds(3600))));
        assertFalse(store.schedules().advanceLocalFiring(early, Optional.of(nine.plusSeconds(3600))), "already moved on");
        assertEquals(List.of("later"), due(nine.plusSeconds(60)));
        assertTrue(store.schedules().advanceLocalFiring(both.get(1), Optional.empty()));
        assertEquals(List.of("early"), due(nine.plusSeconds(7200)), "a schedule that never fires again leaves the list");
    }

    @Test
    void aFiringsRunIsDatedTheDayItFiresWithTheInvoiceDateOffsetFromIt() {
        RunTemplate monthEnd = RunOptionsBuilder.template().invoiceDateOffsetDays(-1).billCycleDay(1).autoPost()
                .buildTemplate();
        BillRunOptions options = monthEnd.optionsOn(LocalDate.of(2026, 12, 1));

        assertEquals(LocalDate.of(2026, 12, 1), options.targetDate());
        assertEquals(LocalDate.of(2026, 11, 30), options.invoiceDate());
        assertEquals(1, options.billCycleDay());
        assertEquals(null, RunTemplate.ALL_ACCOUNTS.optionsOn(LocalDate.of(2026, 12, 1)).invoiceDate(), "no offset: the target date");
        assertEquals(monthEnd, RunTemplate.of(options, -1));
    }

    private static List<String> due(Instant now) {
        return store.schedules().dueForLocalFiring(now, 10).stream()
                .filter(d -> d.schedule().tenantId().startsWith("due-")).map(d -> d.schedule().id()).toList();
    }

    private static Schedule schedule(String tenant, String id, RunTemplate template) {
        return new Schedule(tenant, id, "Monthly", "cron(0 2 1 * ? *)", "Europe/Paris", template,
                "cfo@acme.example", CREATED, CREATED.plusSeconds(60), ScheduleState.ENABLED);
    }
}
