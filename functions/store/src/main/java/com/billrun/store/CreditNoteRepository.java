package com.billrun.store;

import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads of credit notes: by id, an invoice's (oldest first) and an account's (newest first). {@link InvoiceCorrections} writes them. */
public final class CreditNoteRepository {

    private final Table table;

    public CreditNoteRepository(Table table) {
        this.table = table;
    }

    public Optional<StoredCreditNote> find(String tenantId, String creditNoteId) {
        return table.get(Keys.creditNote(tenantId, creditNoteId)).map(CreditNoteMapper::fromItem);
    }

    public Page<StoredCreditNote> ofInvoice(String tenantId, String invoiceId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI2).keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.invoiceCreditNotesIndex(tenantId, invoiceId)))),
                cursor, limit);
        return new Page<>(page.items().stream().map(CreditNoteMapper::fromItem).toList(), page.nextCursor());
    }

    public Page<StoredCreditNote> ofAccount(String tenantId, String accountId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountCreditNotesIndex(tenantId, accountId))))
                .scanIndexForward(false), cursor, limit);
        return new Page<>(page.items().stream().map(CreditNoteMapper::fromItem).toList(), page.nextCursor());
    }

    /** Every credit note of the account, oldest first (the account's activity). */
    public List<StoredCreditNote> allOfAccount(String tenantId, String accountId) {
        return table.queryAll(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountCreditNotesIndex(tenantId, accountId)))))
                .stream().map(CreditNoteMapper::fromItem).toList();
    }
}
