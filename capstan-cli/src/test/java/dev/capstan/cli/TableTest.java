package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void aligns_columns_two_spaces_apart_without_trailing_blanks() {
        var table = new Table("NAME", "SYNC", "HEALTH")
                .row("guestbook", "Synced", "Healthy")
                .row("db", null, "");

        assertThat(table.render()).isEqualTo("""
                NAME       SYNC    HEALTH
                guestbook  Synced  Healthy
                db
                """);
    }

    @Test
    void keeps_a_multi_line_cell_on_one_line() {
        assertThat(new Table("MESSAGE").row("first\n  second").render()).isEqualTo("MESSAGE\nfirst second\n");
    }

    @Test
    void refuses_a_row_of_the_wrong_width() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
