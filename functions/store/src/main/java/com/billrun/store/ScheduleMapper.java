package com.billrun.store;

import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link Schedule} to and from its item ({@code T#{t}} / {@code SCHEDULE#{id}}). The template is stored as a
 * run's options without dates (the bill run's own mapping), plus the invoice-date offset.
 */
final class ScheduleMapper {

    static final String NEXT_RUN_AT = "nextRunAt";

    private ScheduleMapper() {
    }

    static Map<String, AttributeValue> toItem(Schedule schedule) {
        return Item.at(Keys.schedule(schedule.tenantId(), schedule.id()))
                .string("tenantId", schedule.tenantId())
                .string("scheduleId", schedule.id())
                .string("name", schedule.name())
                .string("expression", schedule.expression())
                .string("timeZone", schedule.timeZone())
                .map("template", BillRunMapper.template(schedule.template()))
                .integer("invoiceDateOffsetDays", schedule.template().invoiceDateOffsetDays())
                .string("ownerEmail", schedule.ownerEmail())
                .instant("createdAt", schedule.createdAt())
                .instant("startAt", schedule.startAt())
                .string("state", schedule.state().name())
                .build();
    }

    static Schedule fromItem(ItemReader item) {
        RunTemplate template = BillRunMapper.template(ItemReader.of(item.map("template")),
                (int) item.numberOrZero("invoiceDateOffsetDays"));
        return new Schedule(item.string("tenantId"), item.string("scheduleId"), item.string("name"),
                item.string("expression"), item.string("timeZone"), template, item.string("ownerEmail"),
                item.instant("createdAt"), item.instant("startAt"), item.enumValue("state", ScheduleState.class));
    }

    static DueSchedule dueFromItem(ItemReader item) {
        return new DueSchedule(fromItem(item), item.instant(NEXT_RUN_AT));
    }
}
