package com.vpbank.creditscore;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of model risk management: approval, the model archive, the audit trail,
 * outcomes and how long decisions are kept.
 *
 * @param approvalRequired refuse a bundle whose models' config.json give no approval ({@code MODEL_APPROVAL_REQUIRED})
 * @param archivePrefix S3 key prefix of the model archive in ML_DATA_BUCKET ({@code MODEL_ARCHIVE_PREFIX})
 * @param archiveDir folder of the model archive when the bundles are not in S3 ({@code MODEL_ARCHIVE_DIR})
 * @param auditTable DynamoDB table of the models' audit trail ({@code MODEL_AUDIT_TABLE_NAME})
 * @param outcomeTable DynamoDB table of observed outcomes ({@code OUTCOME_TABLE_NAME})
 * @param retentionMonths months a prediction's history record is kept at least; 25 or more
 *     ({@code HISTORY_RETENTION_MONTHS})
 */
record ModelRiskSettings(boolean approvalRequired, String archivePrefix, String archiveDir, String auditTable,
        String outcomeTable, int retentionMonths) {

    /** Regulation B (12 CFR 1002.12): records of a credit decision are kept 25 months. */
    static final int MIN_RETENTION_MONTHS = 25;

    ModelRiskSettings {
        if (retentionMonths < MIN_RETENTION_MONTHS) {
            throw new IllegalArgumentException("The setting creditscore.history.retention-months"
                    + " (HISTORY_RETENTION_MONTHS) must be at least " + MIN_RETENTION_MONTHS + ", not " + retentionMonths);
        }
        if (archivePrefix.isEmpty() && archiveDir.isEmpty()) {
            throw new IllegalArgumentException("MODEL_ARCHIVE_PREFIX or MODEL_ARCHIVE_DIR must name the model archive");
        }
    }

    static ModelRiskSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new ModelRiskSettings(
                settings.flag("creditscore.models.approval-required"),
                settings.text("creditscore.models.archive-prefix"),
                settings.text("creditscore.models.archive-dir"),
                settings.text("creditscore.audit-table"),
                settings.text("creditscore.outcome-table"),
                settings.wholeNumber("creditscore.history.retention-months"));
    }
}
