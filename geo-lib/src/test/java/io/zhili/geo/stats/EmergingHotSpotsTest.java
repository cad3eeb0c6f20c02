package io.zhili.geo.stats;

import static io.zhili.geo.stats.EmergingPattern.COLD_CONSECUTIVE;
import static io.zhili.geo.stats.EmergingPattern.COLD_DIMINISHING;
import static io.zhili.geo.stats.EmergingPattern.COLD_HISTORICAL;
import static io.zhili.geo.stats.EmergingPattern.COLD_INTENSIFYING;
import static io.zhili.geo.stats.EmergingPattern.COLD_NEW;
import static io.zhili.geo.stats.EmergingPattern.COLD_OSCILLATING;
import static io.zhili.geo.stats.EmergingPattern.COLD_PERSISTENT;
import static io.zhili.geo.stats.EmergingPattern.COLD_SPORADIC;
import static io.zhili.geo.stats.EmergingPattern.CONSECUTIVE;
import static io.zhili.geo.stats.EmergingPattern.DIMINISHING;
import static io.zhili.geo.stats.EmergingPattern.HISTORICAL;
import static io.zhili.geo.stats.EmergingPattern.INTENSIFYING;
import static io.zhili.geo.stats.EmergingPattern.NEW;
import static io.zhili.geo.stats.EmergingPattern.NO_PATTERN;
import static io.zhili.geo.stats.EmergingPattern.OSCILLATING;
import static io.zhili.geo.stats.EmergingPattern.PERSISTENT;
import static io.zhili.geo.stats.EmergingPattern.SPORADIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Series are written oldest first, one character per time step: H hot (95 %), h hot (90 %), C cold
 * (95 %), c cold (90 %), '.' not significant.
 */
class EmergingHotSpotsTest {

    private static final MannKendall.Result NO_TREND = new MannKendall.Result(0, 100, 0, 1, 0);
    private static final MannKendall.Result UP = new MannKendall.Result(40, 100, 3.9, 1e-4, 1);
    private static final MannKendall.Result DOWN = new MannKendall.Result(-40, 100, -3.9, 1e-4, -1);

    private static HotClass[] steps(String series) {
        HotClass[] steps = new HotClass[series.length()];
        for (int t = 0; t < steps.length; t++) {
            steps[t] = switch (series.charAt(t)) {
                case 'H' -> HotClass.HOT_95;
                case 'h' -> HotClass.HOT_90;
                case 'C' -> HotClass.COLD_95;
                case 'c' -> HotClass.COLD_90;
                case '.' -> HotClass.NOT_SIGNIFICANT;
                default -> throw new IllegalArgumentException(series);
            };
        }
        return steps;
    }

    private static EmergingPattern classify(String series, MannKendall.Result trend) {
        return EmergingHotSpots.classify(steps(series), trend);
    }

    private static EmergingPattern classify(String series) {
        return classify(series, NO_TREND);
    }

    @Test
    void newHotSpotIsHotOnlyInTheFinalStep() {
        assertEquals(NEW, classify("...........H"));
        assertEquals(NEW, classify("...........h", UP)); // the trend plays no part below 90 %
        assertEquals(COLD_NEW, classify("...........C"));
    }

    @Test
    void consecutiveHotSpotIsOneFinalRunOfAtLeastTwo() {
        assertEquals(CONSECUTIVE, classify(".........HHH"));
        assertEquals(CONSECUTIVE, classify("..........hH"));
        assertEquals(COLD_CONSECUTIVE, classify("........cCCC"));
        // ten hot steps of twelve is 83 %, below the 90 % of the persistent family: still consecutive
        assertEquals(CONSECUTIVE, classify("..HHHHHHHHHH", UP));
    }

    @Test
    void hotBeforeTheFinalRunMakesItSporadicNotConsecutive() {
        assertEquals(SPORADIC, classify("..H......HHH"));
        assertEquals(SPORADIC, classify("H..........H"));
    }

    @Test
    void intensifyingPersistentAndDiminishingNeedNinetyPercentAndFollowTheTrend() {
        assertEquals(INTENSIFYING, classify("HHHHHHHHHHHH", UP));
        assertEquals(PERSISTENT, classify("HHHHHHHHHHHH", NO_TREND));
        assertEquals(DIMINISHING, classify("HHHHHHHHHHHH", DOWN));
        assertEquals(INTENSIFYING, classify(".HHHHHHhHHHH", UP)); // 11 of 12 = 91.7 %
        assertEquals(PERSISTENT, classify("HHHHH.HHHHHH"));
    }

    @Test
    void coldSpotTrendsAreMirrored() {
        // a cold spot intensifies when its z-scores fall
        assertEquals(COLD_INTENSIFYING, classify("CCCCCCCCCCCC", DOWN));
        assertEquals(COLD_DIMINISHING, classify("CCCCCCCCCCCC", UP));
        assertEquals(COLD_PERSISTENT, classify("CCCCCcCCCCCC"));
    }

    @Test
    void ninetyPercentIsInclusive() {
        assertEquals(PERSISTENT, classify(".HHHHHHHHH"));   // 9 of 10
        assertEquals(HISTORICAL, classify("HHHHHHHHH."));   // 9 of 10, final step not hot
        assertEquals(NO_PATTERN, classify("HHHHHHHH.."));   // 8 of 10, final step not hot
        assertEquals(SPORADIC, classify(".H.HHHHHHH"));     // 8 of 10, final hot, interrupted
    }

    @Test
    void sporadicHotSpotIsOnAndOffAndNeverCold() {
        assertEquals(SPORADIC, classify("H.H..H.H...H"));
        assertEquals(COLD_SPORADIC, classify(".c..C.C....C"));
    }

    @Test
    void oscillatingHotSpotWasColdBefore() {
        assertEquals(OSCILLATING, classify("C....HH..H.H"));
        assertEquals(COLD_OSCILLATING, classify("H...C.......C"));
    }

    @Test
    void hotAfterColdIsOscillatingEvenWhenItLooksNewOrConsecutive() {
        assertEquals(OSCILLATING, classify("CCCCCCCCC..H"));
        assertEquals(OSCILLATING, classify("c.........HH"));
    }

    @Test
    void historicalHotSpotIsNotHotNowButWasNinetyPercentOfTheTime() {
        assertEquals(HISTORICAL, classify("HHHHHHHHHHH.", DOWN));
        assertEquals(COLD_HISTORICAL, classify("CCCCCCCCCCC."));
    }

    @Test
    void noPatternOtherwise() {
        assertEquals(NO_PATTERN, classify("............"));
        assertEquals(NO_PATTERN, classify("....H......."));
        assertEquals(NO_PATTERN, classify("HH.CC......."));
        assertEquals(NO_PATTERN, classify(""));
    }

    @Test
    void zAndPOverloadClassifiesEachStepAtNinetyPercent() {
        double[] z = {0.2, -0.4, 0.1, 0.0, 0.3, -0.2, 0.5, 0.1, 0.0, 1.2, 1.70, 2.1};
        double[] p = new double[z.length];
        for (int t = 0; t < z.length; t++) {
            p[t] = Significance.twoSidedP(z[t]);
        }
        // 1.70 (p = 0.089) and 2.1 (p = 0.036) are hot at 90 %; 1.2 (p = 0.23) is not
        assertEquals(CONSECUTIVE, EmergingHotSpots.classify(z, p, NO_TREND));
        z[10] = 1.6; // p = 0.1096: no longer hot
        p[10] = Significance.twoSidedP(z[10]);
        assertEquals(NEW, EmergingHotSpots.classify(z, p, NO_TREND));
        assertEquals(NO_PATTERN, EmergingHotSpots.classify(new double[0], new double[0], NO_TREND));
    }

    @Test
    void contractNamesAreTheBareArcGisNamesForHotAndCold() {
        Set<String> contract = Set.of("NEW", "CONSECUTIVE", "INTENSIFYING", "PERSISTENT", "DIMINISHING",
                "SPORADIC", "OSCILLATING", "HISTORICAL", "NO_PATTERN");
        for (EmergingPattern pattern : EmergingPattern.values()) {
            assertTrue(contract.contains(pattern.contractName()), pattern.name());
        }
        assertEquals("NEW", COLD_NEW.contractName());
        assertTrue(COLD_NEW.cold());
        assertFalse(NEW.cold());
        assertFalse(NO_PATTERN.cold());
        assertEquals("Oscillating Cold Spot", COLD_OSCILLATING.label());
        assertEquals(COLD_SPORADIC, SPORADIC.asCold());
        assertEquals(NO_PATTERN, NO_PATTERN.asCold());
    }
}
