package io.zhili.datasets.trucks;

import io.zhili.geo.jt808.Jt808Version;

/**
 * One simulated truck: identity, terminal, sensors, its valid permit and what to plant on which leg.
 *
 * @param index         position in the fleet (also seeds its random stream)
 * @param plate         truck id, e.g. 鲁BK1234
 * @param phone         JT/T 808 terminal phone number
 * @param version       JT/T 808 header layout its terminal speaks
 * @param permit        index of its valid permit in {@link TruckFleet#permits()}
 * @param loadSensor    reports {@code load_t} (else null)
 * @param lidSensor     reports the lid (else UNKNOWN)
 * @param capacityT     tonnes loaded per trip
 * @param loadedLegs    scenario per loaded leg index (null entries: nothing planted)
 * @param emptyLegs     scenario per empty leg index
 * @param zone          index in {@link TruckFleet#zones()} of the zone its zone scenario visits, or -1
 */
record TruckSpec(int index, String plate, long phone, Jt808Version version, int permit, boolean loadSensor,
                 boolean lidSensor, double capacityT, Scenario[] loadedLegs, Scenario[] emptyLegs, int zone) {
}
