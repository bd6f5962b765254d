package dev.kvstore.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppliedSeqsTest {
    private final AppliedSeqs applied = new AppliedSeqs();

    @Test
    void inOrderAddsAdvanceTheWatermark() {
        applied.add(1);
        applied.add(2);

        assertThat(applied.watermark()).isEqualTo(2);
        assertThat(applied.pending()).isZero();
    }

    @Test
    void outOfOrderAddsAdvanceTheWatermarkOnlyWhenGapsFill() {
        applied.add(3);
        applied.add(2);
        assertThat(applied.watermark()).isZero();
        assertThat(applied.pending()).isEqualTo(2);

        applied.add(5);
        applied.add(1);
        assertThat(applied.watermark()).isEqualTo(3);
        assertThat(applied.pending()).isEqualTo(1);

        applied.add(4);
        assertThat(applied.watermark()).isEqualTo(5);
        assertThat(applied.pending()).isZero();
    }

    @Test
    void addingASeqTwiceOrBelowTheWatermarkChangesNothing() {
        applied.add(1);
        applied.add(3);
        applied.add(3);
        applied.add(1);

        assertThat(applied.watermark()).isEqualTo(1);
        assertThat(applied.pending()).isEqualTo(1);
    }

    @Test
    void advanceToJumpsAndAbsorbsPendingSeqsAboveIt() {
        applied.add(3);
        applied.add(5);
        applied.add(6);
        applied.add(9);

        applied.advanceTo(4);

        assertThat(applied.watermark()).as("4 then the pending 5 and 6").isEqualTo(6);
        assertThat(applied.pending()).as("9 still waits for 7 and 8").isEqualTo(1);
    }

    @Test
    void advanceToDropsPendingSeqsItCovers() {
        applied.add(3);
        applied.add(8);

        applied.advanceTo(5);

        assertThat(applied.watermark()).isEqualTo(5);
        assertThat(applied.pending()).isEqualTo(1);
        applied.add(6);
        applied.add(7);
        assertThat(applied.watermark()).isEqualTo(8);
    }

    @Test
    void advanceToNeverMovesTheWatermarkBack() {
        applied.advanceTo(10);

        applied.advanceTo(4);

        assertThat(applied.watermark()).isEqualTo(10);
    }

    @Test
    void resetForgetsEverything() {
        applied.add(1);
        applied.add(3);

        applied.reset();

        assertThat(applied.watermark()).isZero();
        assertThat(applied.pending()).isZero();
        applied.add(1);
        assertThat(applied.watermark()).isEqualTo(1);
    }
}
