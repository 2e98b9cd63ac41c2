package io.churnlens.report;

import io.churnlens.schema.ModelColumns;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's campaign sentence: the holdout figures and their scaling to the customers scored now. */
class CampaignLineTest {

    @Test
    void scalesTheHoldoutShareAndProfitToTheScoredBase() {
        Map<String, Double> v = new HashMap<>();
        v.put(ModelColumns.CAMPAIGN_COST_PER_CONTACT, 8.0);
        v.put(ModelColumns.CAMPAIGN_SAVE_RATE, 0.2);
        v.put(ModelColumns.CAMPAIGN_CUSTOMERS, 500.0);
        v.put(ModelColumns.CAMPAIGN_BEST_CONTACTS, 60.0);
        v.put(ModelColumns.CAMPAIGN_BEST_CONTACT_SHARE, 0.12);
        v.put(ModelColumns.CAMPAIGN_BEST_PROFIT, 1500.0);
        v.put(ModelColumns.CAMPAIGN_BEST_PROFIT_PER_CUSTOMER, 3.0);
        v.put(ModelColumns.CAMPAIGN_REALISED_PROFIT, 1320.0);
        String s = CampaignLine.sentence("gbt", v, Optional.of(3000L), "spend_365d");
        assertThat(s).contains("8.00 per contact", "20% of contacted churners", "last year's net revenue",
                "contacting the 12.0% of customers", "3.00 per customer", "60 contacts of 500", "expected 1,500",
                "realised 1,320", "For the 3,000 customers scored now: about 360 contacts, expected profit about 9,000.");
        assertThat(CampaignLine.sentence("gbt", v, Optional.empty(), "clv")).contains("worth its clv").doesNotContain("scored now");
    }
}
