package com.vpbank.creditscore.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The protocol's error body, {@code {"error": "..."}}, with its HTTP status. */
public record ProtocolError(@JsonIgnore int status, String error) {
}
