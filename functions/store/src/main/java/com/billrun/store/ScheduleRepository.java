package com.billrun.store;

import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Bill-run schedules: one item each in the tenant's partition, listed with one query. For the local runtime (which
 * stands in for EventBridge Scheduler) a schedule can also be armed: its next firing goes into a GSI1 entry sorted
 * by time, and the local scheduler reads what is due, fires it and moves it on.
 */
public final class ScheduleRepository {

    private final Table table;

    public ScheduleRepository(Table table) {
        this.table = table;
    }

    /** False when the tenant already has a schedule with this id (nothing written). */
    public boolean create(Schedule schedule) {
        return table.putIfAbsent(ScheduleMapper.toItem(schedule));
    }

    public Optional<Schedule> find(String tenantId, String scheduleId) {
        return table.get(Keys.schedule(tenantId, scheduleId)).map(ScheduleMapper::fromItem);
    }

    /** The tenant's schedules in id order. */
    public Page<Schedule> list(String tenantId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tenant(tenantId)),
                        ":prefix", AttributeValue.fromS(Keys.SCHEDULE_PREFIX))), cursor, limit);
        return new Page<>(page.items().stream().map(ScheduleMapper::fromItem).toList(), page.nextCursor());
    }

    /** False when there was no such schedule. */
    public boolean delete(String tenantId, String scheduleId) {
        ItemKey key = Keys.schedule(tenantId, scheduleId);
        try {
            table.delete(key, "SK = :sk", Map.of(":sk", AttributeValue.fromS(key.sk())));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    /** Puts the schedule on the local scheduler's list, due at {@code nextRunAt} (whole seconds). */
    public void armLocalFiring(String tenantId, String scheduleId, Instant nextRunAt) {
        Instant due = nextRunAt.truncatedTo(ChronoUnit.SECONDS);
        table.update(u -> u.key(Keys.schedule(tenantId, scheduleId).toAttributes())
                .updateExpression("SET " + ScheduleMapper.NEXT_RUN_AT + " = :next, GSI1PK = :index, GSI1SK = :sort")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromS(due.toString()),
                        ":index", AttributeValue.fromS(Keys.localSchedulerIndex()),
                        ":sort", AttributeValue.fromS(Keys.localSchedulerSort(due, tenantId, scheduleId)))));
    }

    /**
     * Armed schedules of every tenant whose next firing is at or before {@code now}, earliest first. One query of
     * the index's head: the cost does not grow with the schedules that are not due.
     */
    public List<DueSchedule> dueForLocalFiring(Instant now, int limit) {
        // "~" sorts after "#", so every schedule due in the second of now is included.
        String bound = now.truncatedTo(ChronoUnit.SECONDS) + "~";
        return table.queryPage(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :index AND GSI1SK <= :bound")
                        .expressionAttributeValues(Map.of(":index", AttributeValue.fromS(Keys.localSchedulerIndex()),
                                ":bound", AttributeValue.fromS(bound)))
                        .limit(limit))
                .items().stream().map(item -> ScheduleMapper.dueFromItem(ItemReader.of(item))).toList();
    }

    /**
     * After firing {@code fired}: due again at {@code next}, or off the list when it never fires again. False when
     * another scheduler moved it first or the schedule was deleted meanwhile (nothing written).
     */
    public boolean advanceLocalFiring(DueSchedule fired, Optional<Instant> next) {
        Schedule schedule = fired.schedule();
        Map<String, AttributeValue> key = Keys.schedule(schedule.tenantId(), schedule.id()).toAttributes();
        AttributeValue firedAt = AttributeValue.fromS(fired.scheduledTime().toString());
        try {
            if (next.isPresent()) {
                Instant due = next.get().truncatedTo(ChronoUnit.SECONDS);
                table.update(u -> u.key(key)
                        .updateExpression("SET " + ScheduleMapper.NEXT_RUN_AT + " = :next, GSI1SK = :sort")
                        .conditionExpression(ScheduleMapper.NEXT_RUN_AT + " = :fired")
                        .expressionAttributeValues(Map.of(":fired", firedAt, ":next", AttributeValue.fromS(due.toString()),
                                ":sort", AttributeValue.fromS(Keys.localSchedulerSort(due, schedule.tenantId(), schedule.id())))));
            } else {
                table.update(u -> u.key(key).updateExpression("REMOVE " + ScheduleMapper.NEXT_RUN_AT + ", GSI1PK, GSI1SK")
                        .conditionExpression(ScheduleMapper.NEXT_RUN_AT + " = :fired")
                        .expressionAttributeValues(Map.of(":fired", firedAt)));
            }
            return true;
        } catch (ConditionalCheckFailedException movedOrDeleted) {
            return false;
        }
    }
}
