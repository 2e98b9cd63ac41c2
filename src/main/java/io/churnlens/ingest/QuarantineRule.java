package io.churnlens.ingest;

import io.churnlens.schema.QuarantineReason;
import org.apache.spark.sql.Column;

import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One validation rule, written once: the reason it records, the condition under which a row breaks it, the detail
 * that tells the user the offending value and the fix (stored in the quarantine), and what the rule expected of
 * which column, without any value (for logs, which never print row contents). Rules are evaluated in list order; a
 * row gets the reason and detail of the first rule it breaks, so each rejected row has exactly one reason.
 */
public record QuarantineRule(QuarantineReason reason, Column applies, Column detail, String expected) {

    /** The reason code of the first rule that applies, null when none does. */
    static Column reasonOf(List<QuarantineRule> rules) {
        Column chain = null;
        for (QuarantineRule rule : rules) {
            chain = chain == null ? when(rule.applies, lit(rule.reason.name()))
                    : chain.when(rule.applies, lit(rule.reason.name()));
        }
        return chain;
    }

    /**
     * The detail of the first rule that applies, null when none does, keyed on the already computed reason so the
     * rule conditions are evaluated once per row (in {@link #reasonOf}), not a second time for the detail.
     */
    static Column detailOf(Column reason, List<QuarantineRule> rules) {
        Column chain = null;
        for (QuarantineRule rule : rules) {
            Column applies = reason.equalTo(rule.reason.name());
            chain = chain == null ? when(applies, rule.detail) : chain.when(applies, rule.detail);
        }
        return chain;
    }
}
