package io.churnlens.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables the synthetic data generator produces: the raw export (what a shop would hand over), the ground truth
 * per customer, and the list of rows the generator spoiled on purpose.
 */
public final class SimulationColumns {
    private SimulationColumns() {}

    /**
     * The raw export: every value a string, as in a CSV file, because messy rows hold unparsable dates and amounts.
     * Clean rows carry {@code order_ts} as {@code yyyy-MM-dd HH:mm:ss} (UTC) and {@code amount} with two decimals,
     * negative for a return.
     */
    public static final class Raw {
        private Raw() {}

        public static final String TRANSACTION_ID = "transaction_id";
        public static final String CUSTOMER_ID = "customer_id";
        public static final String ORDER_TS = "order_ts";
        public static final String AMOUNT = "amount";
        public static final String COUNTRY = "country";
        public static final String CHANNEL = "channel";
        public static final String PRODUCT_ID = "product_id";
        public static final String CATEGORY = "category";

        public static final String ORDER_TS_PATTERN = "yyyy-MM-dd HH:mm:ss";

        public static final StructType SCHEMA = new StructType()
                .add(TRANSACTION_ID, DataTypes.StringType, false)
                .add(CUSTOMER_ID, DataTypes.StringType, true)
                .add(ORDER_TS, DataTypes.StringType, false)
                .add(AMOUNT, DataTypes.StringType, false)
                .add(COUNTRY, DataTypes.StringType, false)
                .add(CHANNEL, DataTypes.StringType, false)
                .add(PRODUCT_ID, DataTypes.StringType, true)
                .add(CATEGORY, DataTypes.StringType, true);
    }

    /**
     * The ground truth, one row per simulated customer. Time statistics are in weeks of 7 days and count purchase
     * days (several purchases on one calendar day count once; returns are not purchases). The probabilities use the
     * customer's exact event history and the true parameters of their group.
     */
    public static final class Truth {
        private Truth() {}

        public static final String CUSTOMER_ID = "customer_id";
        public static final String COUNTRY = "country";
        public static final String CHANNEL = "channel";
        /** BG/NBD parameters of the customer's group (alpha a rate in weeks). */
        public static final String GROUP_R = "group_r";
        public static final String GROUP_ALPHA = "group_alpha";
        public static final String GROUP_A = "group_a";
        public static final String GROUP_B = "group_b";
        /** The customer's latent purchase rate, per week. */
        public static final String LAMBDA_PER_WEEK = "lambda_per_week";
        /** The customer's latent probability of dropping out right after each repeat purchase. */
        public static final String DROPOUT_P = "dropout_p";
        /** The customer's Gamma-Gamma rate nu, and the mean spend per purchase it implies (spend p / nu). */
        public static final String SPEND_NU = "spend_nu";
        public static final String EXPECTED_SPEND = "expected_spend";
        /** Date of the first purchase, which is the acquisition. */
        public static final String ACQUISITION_DATE = "acquisition_date";
        /** Date of the purchase after which the customer dropped out; null if still alive at the end of the period. */
        public static final String DROPOUT_DATE = "dropout_date";
        /** Clean purchase rows and return rows of this customer in the export (messy rows not counted). */
        public static final String PURCHASES = "purchases";
        public static final String RETURNS = "returns";
        /** The snapshot T and horizon H (days) of the columns below. */
        public static final String AS_OF = "as_of";
        public static final String HORIZON_DAYS = "horizon_days";
        /** Repeat purchase days up to T; null for customers acquired after T (likewise every column below). */
        public static final String X = "x";
        public static final String T_X_WEEKS = "t_x_weeks";
        /** T: weeks from the first purchase day to T (named t_cal: Spark column names are case-insensitive). */
        public static final String T_CAL_WEEKS = "t_cal_weeks";
        /** True state at T: the customer had not dropped out by the end of day T. */
        public static final String ALIVE_AT_AS_OF = "alive_at_as_of";
        /** BG/NBD P(alive at T | history, group parameters). */
        public static final String P_ALIVE = "p_alive";
        /** BG/NBD P(no purchase in (T, T+H] | history, group parameters): the best possible churn prediction. */
        public static final String P_NO_PURCHASE = "p_no_purchase";
        /** What happened: no purchase in (T, T+H] (simulated past the end of the period when T+H lies beyond it). */
        public static final String NO_PURCHASE_IN_HORIZON = "no_purchase_in_horizon";

        public static final StructType SCHEMA = new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType, false)
                .add(COUNTRY, DataTypes.StringType, false)
                .add(CHANNEL, DataTypes.StringType, false)
                .add(GROUP_R, DataTypes.DoubleType, false)
                .add(GROUP_ALPHA, DataTypes.DoubleType, false)
                .add(GROUP_A, DataTypes.DoubleType, false)
                .add(GROUP_B, DataTypes.DoubleType, false)
                .add(LAMBDA_PER_WEEK, DataTypes.DoubleType, false)
                .add(DROPOUT_P, DataTypes.DoubleType, false)
                .add(SPEND_NU, DataTypes.DoubleType, false)
                .add(EXPECTED_SPEND, DataTypes.DoubleType, false)
                .add(ACQUISITION_DATE, DataTypes.DateType, false)
                .add(DROPOUT_DATE, DataTypes.DateType, true)
                .add(PURCHASES, DataTypes.IntegerType, false)
                .add(RETURNS, DataTypes.IntegerType, false)
                .add(AS_OF, DataTypes.DateType, false)
                .add(HORIZON_DAYS, DataTypes.IntegerType, false)
                .add(X, DataTypes.IntegerType, true)
                .add(T_X_WEEKS, DataTypes.DoubleType, true)
                .add(T_CAL_WEEKS, DataTypes.DoubleType, true)
                .add(ALIVE_AT_AS_OF, DataTypes.BooleanType, true)
                .add(P_ALIVE, DataTypes.DoubleType, true)
                .add(P_NO_PURCHASE, DataTypes.DoubleType, true)
                .add(NO_PURCHASE_IN_HORIZON, DataTypes.BooleanType, true);

        // --- The disengaging world (generate --world disengaging) only: its truth is SCHEMA plus these. There
        // group_r / group_alpha are the Gamma of the purchase rate, group_a, group_b and dropout_p are NaN (no
        // BG/NBD drop-out coin), dropout_date is the drop-out instant (onset + lead), p_alive is the hidden state at T
        // (1 or 0: the truth knows it) and p_no_purchase the share of Monte-Carlo futures from that state with no
        // purchase in (T, T+H]: an oracle that sees the hidden state, which no model of the export can reach.
        /** Hazard per week of the onset of disengagement while fully engaged and before any return. */
        public static final String DROPOUT_HAZARD_PER_WEEK = "dropout_hazard_per_week";
        /** The customer's chance of returning a purchase. */
        public static final String RETURN_PROPENSITY = "return_propensity";
        /** Days from the onset of disengagement to drop-out (the customer's own lead). */
        public static final String DISENGAGE_LEAD_DAYS = "disengage_lead_days";
        /** Date disengagement began; null if it had not begun by the end of the period. */
        public static final String DISENGAGE_ONSET_DATE = "disengage_onset_date";
        /** Engagement at T (1 fully engaged, falling to the floor at drop-out, 0 after); null if acquired after T. */
        public static final String ENGAGEMENT_AT_AS_OF = "engagement_at_as_of";
        /** Returns the customer had made by T (each raised the hazard); null if acquired after T. */
        public static final String RETURNS_AT_AS_OF = "returns_at_as_of";
        /** Share of the Monte-Carlo futures in which the customer has not dropped out by T+H. */
        public static final String P_ALIVE_AT_HORIZON_END = "p_alive_at_horizon_end";
        /** Number of Monte-Carlo futures behind p_no_purchase and p_alive_at_horizon_end. */
        public static final String FUTURES = "futures";

        public static final StructType DISENGAGING_SCHEMA = SCHEMA
                .add(DROPOUT_HAZARD_PER_WEEK, DataTypes.DoubleType, false)
                .add(RETURN_PROPENSITY, DataTypes.DoubleType, false)
                .add(DISENGAGE_LEAD_DAYS, DataTypes.DoubleType, false)
                .add(DISENGAGE_ONSET_DATE, DataTypes.DateType, true)
                .add(ENGAGEMENT_AT_AS_OF, DataTypes.DoubleType, true)
                .add(RETURNS_AT_AS_OF, DataTypes.IntegerType, true)
                .add(P_ALIVE_AT_HORIZON_END, DataTypes.DoubleType, true)
                .add(FUTURES, DataTypes.IntegerType, true);
    }

    /** The rows the generator spoiled, so ingest's quarantine can be checked against them. */
    public static final class Messy {
        private Messy() {}

        /** Id of the spoiled row; a duplicate or a float-id row shares the id of its clean row. */
        public static final String TRANSACTION_ID = "transaction_id";
        /** The true customer id of the row (also when the row's own id is missing or float-formatted). */
        public static final String CUSTOMER_ID = "customer_id";
        /** One of {@code io.churnlens.simulate.MessyKind}. */
        public static final String KIND = "kind";

        public static final StructType SCHEMA = new StructType()
                .add(TRANSACTION_ID, DataTypes.StringType, false)
                .add(CUSTOMER_ID, DataTypes.StringType, false)
                .add(KIND, DataTypes.StringType, false);
    }
}
