package vn.provpulse.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The synthetic province's units, Điện Biên-like: 42 xã and 3 phường, 20 departments and 5
 * agencies, 30 public-service units, plus 4 communes merged into successors on 2025-07-01.
 * Every tenth unit changes head in the middle of the generated range.
 */
final class UnitCatalog {
    static final LocalDate REORGANISATION = LocalDate.of(2025, 7, 1);
    static final int MERGED = 4;

    private UnitCatalog() {}

    static List<GeneratedUnit> build(Random random, LocalDate from, LocalDate to) {
        LocalDate headChange = from.plusDays(Math.max(1, (to.toEpochDay() - from.toEpochDay()) / 2));
        LocalDate firstHead = from.isBefore(REORGANISATION) ? from : REORGANISATION;
        List<GeneratedUnit> units = new ArrayList<>();
        for (int i = 1; i <= 42; i++) {
            units.add(unit(random, String.format("XA%02d", i), "Xã " + VietnameseNames.PLACES.get(i - 1), "commune", "Chủ tịch UBND xã", units.size(), firstHead, headChange));
        }
        for (int i = 1; i <= 3; i++) {
            units.add(unit(random, String.format("PH%02d", i), "Phường " + VietnameseNames.PLACES.get(42 + i), "ward", "Chủ tịch UBND phường", units.size(), firstHead, headChange));
        }
        for (int i = 1; i <= 20; i++) {
            units.add(unit(random, String.format("SO%02d", i), VietnameseNames.DEPARTMENTS.get(i - 1), "department", "Giám đốc", units.size(), firstHead, headChange));
        }
        for (int i = 1; i <= 5; i++) {
            units.add(unit(random, String.format("CQ%02d", i), VietnameseNames.AGENCIES.get(i - 1), "agency", "Thủ trưởng", units.size(), firstHead, headChange));
        }
        for (int i = 1; i <= 30; i++) {
            String name = VietnameseNames.SERVICES.get((i - 1) % VietnameseNames.SERVICES.size()) + " số " + i;
            units.add(unit(random, String.format("DV%02d", i), name, "public_service", "Giám đốc", units.size(), firstHead, headChange));
        }
        for (int i = 0; i < MERGED; i++) {
            String successor = String.format("XA%02d", i + 1);
            units.add(new GeneratedUnit(String.format("XA%02d", 90 + i), "Xã " + VietnameseNames.PLACES.get(20 + i) + " (cũ)", "commune", 1,
                    List.of(new GeneratedUnit.Head(VietnameseNames.person(random), "Chủ tịch UBND xã", LocalDate.of(2020, 1, 1))),
                    successor, REORGANISATION.minusDays(1)));
        }
        return List.copyOf(units);
    }

    private static GeneratedUnit unit(Random random, String code, String name, String type, String title, int index,
                                      LocalDate firstHead, LocalDate headChange) {
        int tier = index % 7 == 6 ? 2 : index % 3 == 0 ? 1 : 0;
        List<GeneratedUnit.Head> heads = new ArrayList<>();
        heads.add(new GeneratedUnit.Head(VietnameseNames.person(random), title, firstHead));
        if (index % 10 == 3) {
            heads.add(new GeneratedUnit.Head(VietnameseNames.person(random), title, headChange));
        }
        return new GeneratedUnit(code, name, type, tier, List.copyOf(heads), null, null);
    }
}
