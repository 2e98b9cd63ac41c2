package io.churnlens.report;

/** The report's sections on churn_sensitivity and revenue_lost_bridge, in that order. */
final class DefinitionSections {
    private DefinitionSections() {}

    static void append(StringBuilder b, DefinitionReport d) {
        SensitivitySection.append(b, d.sensitivity());
        BridgeSection.append(b, d.bridgeOfFirstDimension());
    }
}
