package io.churnlens.report;

import io.churnlens.schema.DriftColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's drift section from hand-made model_drift rows: what it lists, and what it says when nothing moved. */
class DriftSectionTest {
    private static final LocalDate T = LocalDate.of(2026, 9, 30);
    private static final java.sql.Date PREVIOUS = java.sql.Date.valueOf("2026-06-30");

    @Test
    void withoutModelDriftItSaysItWasNotCompared() {
        assertThat(html(List.of())).contains("Not compared: model_drift is not published for 2026-09-30");
    }

    @Test
    void listsFlaggedRowsTheNotesOfPartsWithoutHistoryAndTheLargestSegmentFlow() {
        String html = html(List.of(
                row(Map.of(DriftColumns.PART, DriftColumns.PART_BTYD, DriftColumns.KIND, DriftColumns.KIND_NOTE,
                        DriftColumns.NOTE, "no previous snapshot: clv_params is published for no as_of before 2026-09-30")),
                psi("recency_days", 0.412, true), psi("tenure_days", 0.03, false),
                transition("Champions", "Champions", 30), transition("Champions", "At risk", 15),
                transition("Lost", "Lost", 50), transition("Lost", "Hibernating", 5), transition(DriftColumns.NEW, "New", 40)));
        assertThat(html).contains("model feature recency_days (mean then / now)")
                .contains("population stability index 0.412 (major shift)")
                .doesNotContain("tenure_days")
                .contains("BTYD parameters: no previous snapshot: clv_params is published for no as_of before 2026-09-30")
                // 20 of the 100 customers in both snapshots moved; the largest flow is 15 customers
                .contains("20.0% of the 100 customers in both snapshots changed RFM segment; the largest flow was "
                        + "Champions → At risk (15 customers).")
                .contains("Compared 2 model features.")
                .doesNotContain("Nothing moved");
    }

    @Test
    void saysInOneSentenceWhenNothingMovedBeyondAThreshold() {
        String html = html(List.of(psi("recency_days", 0.02, false), psi("tenure_days", 0.03, false)));
        assertThat(html).contains("Nothing moved beyond a threshold: compared 2 model features.").doesNotContain("<table");
    }

    private static String html(List<Row> drift) {
        ReportData d = new ReportData(T, List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), null, 180,
                0.01, List.of(), false, new ReportData.Sections(drift, DefinitionReport.EMPTY, null, List.of()));
        StringBuilder b = new StringBuilder();
        DriftSection.append(b, d);
        return b.toString();
    }

    private static Row psi(String feature, double psi, boolean flagged) {
        Map<String, Object> v = new HashMap<>(Map.of(DriftColumns.PART, DriftColumns.PART_FEATURES,
                DriftColumns.KIND, DriftColumns.KIND_PSI, DriftColumns.NAME, feature, DriftColumns.PSI, psi,
                DriftColumns.VALUE_THEN, 40.0, DriftColumns.VALUE_NOW, 55.0, DriftColumns.FLAGGED, flagged));
        return row(v);
    }

    private static Row transition(String from, String to, long customers) {
        return row(Map.of(DriftColumns.PART, DriftColumns.PART_SEGMENTS, DriftColumns.KIND, DriftColumns.KIND_TRANSITION,
                DriftColumns.GROUPING, SegmentColumns.GROUPING_RFM, DriftColumns.FROM_LABEL, from,
                DriftColumns.TO_LABEL, to, DriftColumns.CUSTOMERS, customers));
    }

    private static Row row(Map<String, Object> values) {
        String[] names = DriftColumns.SCHEMA.fieldNames();
        Object[] out = new Object[names.length];
        for (int i = 0; i < names.length; i++) out[i] = values.get(names[i]);
        out[DriftColumns.SCHEMA.fieldIndex(DriftColumns.PREVIOUS_AS_OF)] = PREVIOUS;
        if (out[DriftColumns.SCHEMA.fieldIndex(DriftColumns.FLAGGED)] == null) {
            out[DriftColumns.SCHEMA.fieldIndex(DriftColumns.FLAGGED)] = false;
        }
        return new GenericRowWithSchema(out, DriftColumns.SCHEMA);
    }
}
