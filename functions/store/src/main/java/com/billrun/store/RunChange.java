package com.billrun.store;

import com.billrun.store.dynamodb.Keys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What else changes on a run together with its status (see {@link BillRunRepository#transition}), named in
 * business terms so that no caller needs the item's attribute names.
 */
public final class RunChange {

    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    private RunChange() {
    }

    public static RunChange none() {
        return new RunChange();
    }

    public RunChange audit(AuditEntry entry) {
        String name = placeholder("#trail", BillRunMapper.AUDIT_TRAIL);
        String value = value(AttributeValue.fromL(List.of(AttributeValue.fromM(BillRunMapper.auditEntry(entry)))));
        String empty = value(AttributeValue.fromL(List.of()));
        sets.add(name + " = list_append(if_not_exists(" + name + ", " + empty + "), " + value + ")");
        return this;
    }

    public RunChange errorCause(String cause) {
        return set(BillRunMapper.ERROR_CAUSE, AttributeValue.fromS(cause));
    }

    public RunChange clearErrorCause() {
        removes.add(placeholder("#cause", BillRunMapper.ERROR_CAUSE));
        return this;
    }

    /** Prepare stored the selection: {@code batchCount} batches holding {@code accountsSelected} accounts. */
    public RunChange prepared(int batchCount, long accountsSelected) {
        set(BillRunMapper.BATCH_COUNT, AttributeValue.fromN(Integer.toString(batchCount)));
        return set(BillRunMapper.COUNTS, AttributeValue.fromM(BillRunMapper.counts(
                new BillRunCounts(accountsSelected, 0, 0, 0))));
    }

    public RunChange completed(BillRunCounts counts, CurrencyTotals totals) {
        set(BillRunMapper.COUNTS, AttributeValue.fromM(BillRunMapper.counts(counts)));
        set(BillRunMapper.TOTALS, AttributeValue.fromM(BillRunMapper.totals(totals)));
        return set(BillRunMapper.HAS_ERRORS, AttributeValue.fromBool(counts.failedAccounts() > 0));
    }

    /** Out of the tenant's listing of runs (a deleted run): its entry in GSI1 is removed, the item stays. */
    public RunChange unlisted() {
        removes.add(placeholder("#gsi1pk", Keys.GSI1PK));
        removes.add(placeholder("#gsi1sk", Keys.GSI1SK));
        return this;
    }

    String setClauses() {
        return sets.isEmpty() ? "" : ", " + String.join(", ", sets);
    }

    String removeClause() {
        return removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes);
    }

    Map<String, String> names() {
        return names;
    }

    Map<String, AttributeValue> values() {
        return values;
    }

    private RunChange set(String attribute, AttributeValue value) {
        sets.add(placeholder("#a" + names.size(), attribute) + " = " + value(value));
        return this;
    }

    private String placeholder(String name, String attribute) {
        names.put(name, attribute);
        return name;
    }

    private String value(AttributeValue value) {
        String name = ":v" + values.size();
        values.put(name, value);
        return name;
    }
}
