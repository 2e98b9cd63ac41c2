package io.churnlens.ingest;

import io.churnlens.schema.QuarantineReason;
import org.apache.spark.sql.Column;

import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One validation rule, written once: the reason it records, the condition under which a row breaks it, and the
 * detail that tells the user the offending value and the fix. Rules are evaluated in list order; a row gets the
 * reason and detail of the first rule it breaks, so each rejected row has exactly one reason.
 */
public record QuarantineRule(QuarantineReason reason, Column applies, Column detail) {

    /** The reason code of the first rule that applies, null when none does. */
    static Column reasonOf(List<QuarantineRule> rules) {
        return firstOf(rules, true);
    }

    /** The detail of the first rule that applies, null when none does. */
    static Column detailOf(List<QuarantineRule> rules) {
        return firstOf(rules, false);
    }

    private static Column firstOf(List<QuarantineRule> rules, boolean reason) {
        Column chain = null;
        for (QuarantineRule rule : rules) {
            Column value = reason ? lit(rule.reason.name()) : rule.detail;
            chain = chain == null ? when(rule.applies, value) : chain.when(rule.applies, value);
        }
        return chain;
    }
}
