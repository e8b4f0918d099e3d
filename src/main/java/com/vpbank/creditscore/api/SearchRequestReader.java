package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** Reads the customer id of a search: the {@code customer_id} query parameter, else the JSON body's field. */
public final class SearchRequestReader {

    private final ObjectMapper mapper;

    public SearchRequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String customerId(@Header("customer_id") String queryValue, @Body String body) {
        if (queryValue != null) {
            return CustomerIds.check(queryValue);
        }
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("Field 'customer_id' is required.");
        }
        return CustomerIds.read(JsonBodies.readObject(mapper, body).get("customer_id"));
    }
}
