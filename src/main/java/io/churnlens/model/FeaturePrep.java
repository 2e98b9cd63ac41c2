package io.churnlens.model;

import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The first stages of the learned pipelines, saved with them so a stored model needs only customer_features:
 * cast every feature to double (decimals and ints alike; a numeric cast cannot fail under ANSI), replace nulls
 * (e.g. mean_gap_days of one-time buyers) by the training median, and, for the linear model, a signed log
 * sign(v)·ln(1 + |v|) that tames the long tails of money and counts.
 */
final class FeaturePrep {
    private FeaturePrep() {}

    static String asDouble(String feature) {
        return "_d_" + feature;
    }

    static String imputed(String feature) {
        return "_i_" + feature;
    }

    static String logged(String feature) {
        return "_l_" + feature;
    }

    static SQLTransformer castToDouble(List<String> features) {
        return new SQLTransformer().setStatement("SELECT *, " + features.stream()
                .map(f -> "CAST(`" + f + "` AS DOUBLE) AS `" + asDouble(f) + "`").collect(Collectors.joining(", "))
                + " FROM __THIS__");
    }

    static Imputer medianImputer(List<String> features) {
        return new Imputer().setStrategy("median").setRelativeError(0.001)
                .setInputCols(features.stream().map(FeaturePrep::asDouble).toArray(String[]::new))
                .setOutputCols(features.stream().map(FeaturePrep::imputed).toArray(String[]::new));
    }

    static SQLTransformer signedLog(List<String> features) {
        return new SQLTransformer().setStatement("SELECT *, " + features.stream()
                .map(f -> "signum(`" + imputed(f) + "`) * ln(1 + abs(`" + imputed(f) + "`)) AS `" + logged(f) + "`")
                .collect(Collectors.joining(", ")) + " FROM __THIS__");
    }

    /** The training medians the imputer learned, in feature order. */
    static double[] medians(ImputerModel imputer, List<String> features) {
        Row surrogate = imputer.surrogateDF().first();
        double[] m = new double[features.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = ((Number) surrogate.getAs(asDouble(features.get(i)))).doubleValue();
        }
        return m;
    }
}
