package io.churnlens.impact;

import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedRowTest {
    private static NamedRow filled() {
        NamedRow row = new NamedRow(ImpactColumns.SCENARIOS_SCHEMA);
        for (var f : ImpactColumns.SCENARIOS_SCHEMA.fields()) row.set(f.name(), f.name().equals(ImpactColumns.HORIZON_QUARTERS) ? (Object) 4 : (Object) 1.0);
        return row.set(ImpactColumns.SCENARIO, "churn -2 pp").set(ImpactColumns.ASSUMPTIONS, "none");
    }

    @Test
    void valuesLandInTheirNamedColumns() {
        Row r = filled().set(ImpactColumns.CUSTOMERS_KEPT, 12.5).row();
        assertThat(r.get(at(ImpactColumns.CUSTOMERS_KEPT))).isEqualTo(12.5);
        assertThat(r.get(at(ImpactColumns.SCENARIO))).isEqualTo("churn -2 pp");
        assertThat(r.get(at(ImpactColumns.HORIZON_QUARTERS))).isEqualTo(4);
    }

    private static int at(String column) {
        return ImpactColumns.SCENARIOS_SCHEMA.fieldIndex(column);
    }

    @Test
    void anUnknownColumnOrAnUnsetRequiredOneFails() {
        assertThatThrownBy(() -> filled().set("no_such_column", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filled().set(ImpactColumns.SCENARIO, null).row())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ImpactColumns.SCENARIO);
    }
}
