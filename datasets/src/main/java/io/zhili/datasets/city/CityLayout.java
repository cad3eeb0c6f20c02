package io.zhili.datasets.city;

import io.zhili.datasets.areas.District;
import io.zhili.datasets.areas.QingdaoAreas;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fixed spatial frame of the synthetic city: the Qingdao areas and a {@link StreetNetwork} per
 * district, indexed by district position (0..9, the order of {@link QingdaoAreas#districts()}).
 *
 * <p>Immutable and thread-safe; {@link #standard()} builds it once (a second or two).
 */
public final class CityLayout {
    private static volatile CityLayout standard;

    private final QingdaoAreas areas;
    private final List<StreetNetwork> networks;

    private CityLayout(QingdaoAreas areas) {
        this.areas = areas;
        List<StreetNetwork> nets = new ArrayList<>();
        for (District d : areas.districts()) {
            nets.add(StreetNetwork.build(d));
        }
        this.networks = Collections.unmodifiableList(nets);
    }

    /** The layout over {@link QingdaoAreas#standard()}, built on first use. */
    public static CityLayout standard() {
        CityLayout s = standard;
        if (s == null) {
            synchronized (CityLayout.class) {
                s = standard;
                if (s == null) {
                    s = new CityLayout(QingdaoAreas.standard());
                    standard = s;
                }
            }
        }
        return s;
    }

    public QingdaoAreas areas() {
        return areas;
    }

    public int districtCount() {
        return networks.size();
    }

    public District district(int index) {
        return areas.districts().get(index);
    }

    /** Position of the district with this division code. @throws IllegalArgumentException if unknown */
    public int districtIndex(String code) {
        for (int i = 0; i < networks.size(); i++) {
            if (district(i).code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no Qingdao district with code " + code);
    }

    public StreetNetwork network(int districtIndex) {
        return networks.get(districtIndex);
    }

    /** Position of the district strictly containing the point, or -1 (bay, sea, outside Qingdao). */
    public int districtAt(double lon, double lat) {
        for (int i = 0; i < networks.size(); i++) {
            if (networks.get(i).contains(lon, lat)) {
                return i;
            }
        }
        return -1;
    }

    /** Component shares of the districts, in district order. */
    public double[] componentShares() {
        double[] s = new double[networks.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = district(i).componentShare();
        }
        return s;
    }

    /** EVENT case shares of the districts, in district order. */
    public double[] caseShares() {
        double[] s = new double[networks.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = district(i).caseShare();
        }
        return s;
    }
}
