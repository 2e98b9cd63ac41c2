package io.churnlens.impact;

/**
 * Annual customer value (DESIGN.md): net revenue of the customer over the 365 days up to and including their last
 * purchase day, i.e. days in (last − 365, last]. Returns inside that window count against it. Computed per customer
 * and quarter by {@link QuarterStates}, carried in the grid in whole cents as {@link CustomerQuarters#ANNUAL_VALUE}.
 */
public final class AnnualValue {
    public static final String ANNUAL_VALUE = "annual_value";
    static final int DAYS = 365;

    private AnnualValue() {}
}
