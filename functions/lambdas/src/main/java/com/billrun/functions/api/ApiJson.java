package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;

/** The API's JSON: dates as yyyy-MM-dd, instants as ISO-8601, money as decimal strings (functions/billing-core/RULES.md). */
public final class ApiJson {

    public static final ObjectMapper MAPPER = mapper();

    /**
     * Reads request bodies strictly: nesting bounded while parsing (RequestLimits), decimals read exactly (never
     * through a binary double), duplicate keys and trailing content refused. Number tokens keep Jackson's own bound
     * (1000 characters): JsonBody then refuses a long one naming its field, which a parse error could not.
     */
    static final ObjectReader REQUEST_READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(RequestLimits.MAX_JSON_DEPTH)
                    .maxStringLength(RequestLimits.MAX_BODY_BYTES)
                    .build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private ApiJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        // "145.16", never 145.16: a JavaScript portal would read a JSON number as a binary float.
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return mapper;
    }
}
