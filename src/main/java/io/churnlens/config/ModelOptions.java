package io.churnlens.config;

import com.typesafe.config.Config;

import java.util.List;

/**
 * The churn model's optional inputs and campaign economics ({@code model.inputs.*}, {@code model.campaign.*}), parsed
 * here so {@link ChurnlensConfig.Model} keeps one field per group.
 */
public final class ModelOptions {
    private ModelOptions() {}

    /**
     * What the learned models see besides {@code model.features}.
     *
     * @param btyd           add the BG/NBD (+ Gamma-Gamma) outputs fitted on the same snapshot's features: P(alive),
     *                       expected purchase days in the horizon and their expected value
     * @param groups         string columns of customer_features one-hot encoded (country, channel)
     * @param rareLevelShare a level held by fewer than this share of the training customers goes to "(other)"
     */
    public record Inputs(boolean btyd, List<String> groups, double rareLevelShare) implements java.io.Serializable {
        /** Nothing beyond model.features: the models as they were before these inputs. */
        public static Inputs none() {
            return new Inputs(false, List.of(), 0.01);
        }
    }

    /**
     * Economics of a retention campaign over the customers ranked by churn probability.
     *
     * @param costPerContact cost of contacting one customer (currency of the amounts)
     * @param saveRate       share of contacted customers who would have churned and stay because of the contact
     * @param valueColumn    customer_features column holding the value of a customer kept (× clv.margin)
     */
    public record Campaign(double costPerContact, double saveRate, String valueColumn) implements java.io.Serializable {}

    static Inputs inputs(Config root) {
        Settings s = new Settings(root, "model.inputs");
        double share = s.fraction("rare-level-share");
        List<String> groups = List.copyOf(s.strings("groups"));
        if (groups.stream().anyMatch(String::isBlank)) throw s.invalid("groups", groups, "customer_features column names");
        return new Inputs(s.bool("btyd"), groups, share);
    }

    static Campaign campaign(Config root) {
        Settings s = new Settings(root, "model.campaign");
        double cost = s.number("cost-per-contact");
        if (cost < 0) throw s.invalid("cost-per-contact", cost, "a cost >= 0");
        double save = s.fraction("save-rate");
        String value = s.string("value-column");
        if (value.isEmpty()) throw s.invalid("value-column", "\"\"", "a numeric customer_features column, e.g. spend_365d");
        return new Campaign(cost, save, value);
    }
}
