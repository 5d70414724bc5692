package vn.provpulse.contract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceContractTest {
    @Test
    void feedbackKeepsItsComplaintTextInTheRestrictedTable() {
        assertThat(Feedback.CONTRACT.hasRestrictedContent()).isTrue();
        assertThat(Feedback.CONTRACT.restrictedText()).map(Field::name).contains(Feedback.CONTENT);
    }

    @Test
    void otherSourcesHaveNoRestrictedText() {
        assertThat(List.of(Units.CONTRACT, Tasks.CONTRACT, Ratings.CONTRACT)).noneMatch(SourceContract::hasRestrictedContent);
    }

    @Test
    void sourceWithTwoRestrictedTextsIsRefused() {
        List<Field> fields = List.of(Field.required("id", FieldType.TEXT),
                Field.optional("note", FieldType.TEXT).withPrivacy(Privacy.RESTRICTED),
                Field.optional("letter", FieldType.TEXT).withPrivacy(Privacy.RESTRICTED));
        assertThatThrownBy(() -> new SourceContract("letters", SourceFormat.CSV, fields, List.of(), List.of("id"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot define source letters").hasMessageContaining("[note, letter]");
    }
}
