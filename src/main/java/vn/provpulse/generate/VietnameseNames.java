package vn.provpulse.generate;

import java.util.List;
import java.util.Random;

/** Plausible Vietnamese names for people and places of a northern mountain province. */
final class VietnameseNames {
    private static final List<String> FAMILY = List.of("Nguyễn", "Trần", "Lò", "Lường", "Quàng", "Cà", "Vàng", "Giàng", "Sùng", "Mùa",
            "Lê", "Phạm", "Hoàng", "Đỗ", "Bùi", "Vũ", "Tòng", "Lý", "Điêu", "Hà");
    private static final List<String> MIDDLE = List.of("Văn", "Thị", "Đức", "Minh", "Thanh", "A", "Seo", "Hữu", "Ngọc", "Quang");
    private static final List<String> GIVEN = List.of("Hùng", "Lan", "Thắng", "Hoa", "Dũng", "Mai", "Páo", "Chứ", "Sinh", "Hương",
            "Tuấn", "Nga", "Khánh", "Phong", "Thảo", "Long", "Dế", "Súa", "Vân", "Bình");
    static final List<String> PLACES = List.of("Mường Phăng", "Thanh Nưa", "Mường Ảng", "Na Sang", "Pú Nhi", "Tủa Chùa", "Sín Chải",
            "Mường Nhé", "Nậm Pồ", "Chà Cang", "Si Pa Phìn", "Mường Chà", "Sá Tổng", "Búng Lao", "Ẳng Nưa", "Pom Lót", "Thanh Yên",
            "Noong Hẹt", "Sam Mứn", "Núa Ngam", "Mường Nhà", "Phình Giàng", "Xa Dung", "Keo Lôm", "Tìa Dình", "Mường Luân",
            "Chiềng Sinh", "Quài Tở", "Mường Mùn", "Pú Xi", "Mường Báng", "Sính Phình", "Tả Sìn Thàng", "Trung Thu", "Lao Xả Phình",
            "Quảng Lâm", "Na Cô Sa", "Chà Tở", "Nà Hỳ", "Mường Toong", "Nà Bủng", "Sen Thượng", "Leng Su Sìn", "Mường Lạn", "Huổi Lèng",
            "Nà Tấu");
    static final List<String> DEPARTMENTS = List.of("Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
            "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tư pháp", "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
            "Sở Kế hoạch và Đầu tư", "Sở Giao thông vận tải", "Sở Lao động, Thương binh và Xã hội", "Sở Thông tin và Truyền thông",
            "Sở Tài nguyên và Môi trường", "Ban Quản lý các khu kinh tế");
    static final List<String> AGENCIES = List.of("Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Kho bạc Nhà nước khu vực",
            "Thuế tỉnh", "Bảo hiểm xã hội tỉnh");
    static final List<String> SERVICES = List.of("Trung tâm Phục vụ hành chính công", "Bệnh viện Đa khoa tỉnh", "Trung tâm Y tế",
            "Trường Cao đẳng", "Trung tâm Dịch vụ việc làm", "Ban Quản lý dự án", "Trung tâm Kiểm soát bệnh tật",
            "Văn phòng Đăng ký đất đai", "Trung tâm Lưu trữ lịch sử", "Đài Phát thanh và Truyền hình");
    static final List<String> TOPICS = List.of("Đất đai", "Giao thông", "Môi trường", "Y tế", "Giáo dục", "An sinh xã hội",
            "Hộ tịch", "Xây dựng", "Điện nước", "Trật tự đô thị");

    private VietnameseNames() {}

    static String person(Random random) {
        return pick(FAMILY, random) + " " + pick(MIDDLE, random) + " " + pick(GIVEN, random);
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
