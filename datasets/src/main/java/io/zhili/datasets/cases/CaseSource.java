package io.zhili.datasets.cases;

/**
 * The channels through which cases reach a city-management centre, with the behaviour the generator
 * gives each: share of the year's cases, share of component faults (the rest are events), weekly and
 * daily rhythm, behaviour on public holidays, timestamp form, and time until a case is verified.
 *
 * <p>Shares follow the make-up of a Chinese digital city-management centre: patrol inspectors (监督员)
 * report most cases, then AI cameras, citizens' mini-program reports (in GCJ-02 coordinates, as
 * WeChat/AMap give them), 12345 hotline transfers, IoT sensors, drones and satellite change detection.
 * TRUCK_ALERT cases come from the truck job, not from this generator.
 */
public enum CaseSource {
    PATROL(0.45, 0.40, 0.6, TimestampStyle.OFFSET, 3, 0.8,
            new double[] {1.1, 1.1, 1.1, 1.1, 1.05, 0.6, 0.5},
            new double[] {0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 1.0, 3.0, 4.0, 4.0, 3.0, 1.2, 1.0, 3.0, 3.5, 3.5,
                3.0, 1.5, 1.0, 0.8, 0.4, 0.2, 0.1}),
    CAMERA(0.22, 0.15, 1.0, TimestampStyle.OFFSET, 12, 0.7,
            new double[] {1, 1, 1, 1, 1, 0.95, 0.95},
            new double[] {0.4, 0.3, 0.3, 0.3, 0.3, 0.5, 1.0, 2.0, 2.5, 3.0, 3.0, 2.8, 2.5, 2.5, 2.6, 2.8, 3.0, 3.0,
                2.5, 2.0, 1.5, 1.0, 0.7, 0.5}),
    CITIZEN_APP(0.12, 0.35, 1.15, TimestampStyle.OFFSET, 40, 0.8,
            new double[] {0.9, 0.9, 0.9, 0.95, 1.0, 1.25, 1.2},
            new double[] {0.5, 0.3, 0.2, 0.1, 0.1, 0.2, 0.6, 1.5, 2.5, 3.0, 2.8, 2.5, 2.2, 2.0, 2.0, 2.2, 2.3, 2.5,
                2.8, 3.2, 3.5, 3.0, 2.0, 1.0}),
    HOTLINE_12345(0.10, 0.35, 0.8, TimestampStyle.OFFSET, 35, 0.8,
            new double[] {1.1, 1.05, 1.05, 1.05, 1.0, 0.85, 0.8},
            new double[] {0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3.5, 4.0, 3.8, 3.0, 2.0, 2.0, 3.2, 3.5, 3.3, 2.8,
                2.0, 1.6, 1.4, 1.0, 0.6, 0.4}),
    DRONE(0.03, 0.05, 0.3, TimestampStyle.EPOCH_MILLIS, 120, 0.8,
            new double[] {1.1, 1.1, 1.1, 1.1, 1.1, 0.3, 0.2},
            new double[] {0, 0, 0, 0, 0, 0, 0, 0.5, 2, 3, 3, 3, 2, 2, 3, 3, 2, 1, 0, 0, 0, 0, 0, 0}),
    /** Change detection on satellite images: batches filed twice a week (Tuesday, Friday) late morning. */
    SATELLITE(0.02, 0.0, 1.0, TimestampStyle.UTC, 2880, 0.6,
            new double[] {0, 2.5, 0, 0, 2.5, 0, 0},
            new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
    SENSOR(0.06, 0.70, 1.0, TimestampStyle.EPOCH_MILLIS, 8, 0.7,
            new double[] {1, 1, 1, 1, 1, 1, 1},
            new double[] {0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.1, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2,
                1.2, 1.1, 1.0, 0.9, 0.8, 0.8});

    private final double share;
    private final double componentShare;
    private final double holidayFactor;
    private final TimestampStyle style;
    private final double verifyMedianMinutes;
    private final double verifySigma;
    private final double[] weekly;
    private final double[] hourly;

    CaseSource(double share, double componentShare, double holidayFactor, TimestampStyle style,
               double verifyMedianMinutes, double verifySigma, double[] weekly, double[] hourly) {
        this.share = share;
        this.componentShare = componentShare;
        this.holidayFactor = holidayFactor;
        this.style = style;
        this.verifyMedianMinutes = verifyMedianMinutes;
        this.verifySigma = verifySigma;
        this.weekly = weekly;
        this.hourly = hourly;
    }

    /** Share of the year's cases. */
    public double share() {
        return share;
    }

    /** Probability that a case of this source is a component fault (kind COMPONENT). */
    public double componentShare() {
        return componentShare;
    }

    /** Multiplier of the daily volume on public holidays. */
    public double holidayFactor() {
        return holidayFactor;
    }

    /** How this source writes timestamps. */
    public TimestampStyle timestampStyle() {
        return style;
    }

    /** Median minutes from report to verification. */
    public double verifyMedianMinutes() {
        return verifyMedianMinutes;
    }

    /** Log-normal sigma of the verification delay. */
    public double verifySigma() {
        return verifySigma;
    }

    /** Relative volume on a day of the week, Monday = 0. */
    public double weekly(int mondayBasedDay) {
        return weekly[mondayBasedDay];
    }

    /** Relative volume in each local hour 0..23 (a copy). */
    public double[] hourly() {
        return hourly.clone();
    }

    /** True when the report's coordinates are GCJ-02 (WeChat mini-program and AMap locations). */
    public boolean reportsGcj02() {
        return this == CITIZEN_APP;
    }
}
