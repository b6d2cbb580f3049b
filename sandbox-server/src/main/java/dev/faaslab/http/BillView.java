package dev.faaslab.http;

import dev.faaslab.billing.Bill;
import java.math.BigDecimal;

/** A bill's lines in USD, as a function's page and the billing page show them. */
record BillView(BigDecimal requestsUsd, BigDecimal computeUsd, BigDecimal provisionedUsd, BigDecimal freeTierCreditUsd,
                BigDecimal totalUsd) {

    static BillView of(Bill bill) {
        return new BillView(bill.requestsCost(), bill.computeCost(), bill.provisionedCost(), bill.freeTierCredit(),
                bill.total());
    }
}
