package com.vpbank.creditscore.observe;

import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The capacity units each DynamoDB call consumed, by table and operation, on the meter
 * {@code creditscore.dynamodb.capacity.units}: what the service's reads and writes cost on
 * an on-demand table, and what a provisioned one must hold. Every item call of the
 * DynamoDB client (the aws2-ddb component's included) asks DynamoDB for its consumed
 * capacity ({@code ReturnConsumedCapacity: TOTAL}) unless it asks already, and the answer's
 * figures are counted. The table names are the service's own settings, so the labels are a
 * fixed set.
 */
public final class DynamoDbCapacityMeter implements ExecutionInterceptor {

    private final ServiceMetrics metrics;

    public DynamoDbCapacityMeter(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest get && get.returnConsumedCapacity() == null) {
            return get.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof TransactWriteItemsRequest transact && transact.returnConsumedCapacity() == null) {
            return transact.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof PutItemRequest put && put.returnConsumedCapacity() == null) {
            return put.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof UpdateItemRequest update && update.returnConsumedCapacity() == null) {
            return update.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof DeleteItemRequest delete && delete.returnConsumedCapacity() == null) {
            return delete.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof QueryRequest query && query.returnConsumedCapacity() == null) {
            return query.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchGetItemRequest batchGet && batchGet.returnConsumedCapacity() == null) {
            return batchGet.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchWriteItemRequest batchWrite && batchWrite.returnConsumedCapacity() == null) {
            return batchWrite.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkResponse response = context.response();
        if (response instanceof GetItemResponse get) {
            record(operation, get.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse transact) {
            transact.consumedCapacity().forEach(capacity -> record(operation, capacity));
        } else if (response instanceof PutItemResponse put) {
            record(operation, put.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            record(operation, update.consumedCapacity());
        } else if (response instanceof DeleteItemResponse delete) {
            record(operation, delete.consumedCapacity());
        } else if (response instanceof QueryResponse query) {
            record(operation, query.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse batchGet) {
            recordAll(operation, batchGet.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse batchWrite) {
            recordAll(operation, batchWrite.consumedCapacity());
        }
    }

    private void recordAll(String operation, List<ConsumedCapacity> capacities) {
        capacities.forEach(capacity -> record(operation, capacity));
    }

    private void record(String operation, ConsumedCapacity capacity) {
        if (capacity != null && capacity.tableName() != null && capacity.capacityUnits() != null) {
            metrics.dynamoDbCapacity(capacity.tableName(), operation, capacity.capacityUnits());
        }
    }
}
