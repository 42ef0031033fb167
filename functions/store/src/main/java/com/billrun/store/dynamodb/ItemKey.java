package com.billrun.store.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The primary key of one item of the table. */
public record ItemKey(String pk, String sk) {

    public Map<String, AttributeValue> toAttributes() {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }
}
