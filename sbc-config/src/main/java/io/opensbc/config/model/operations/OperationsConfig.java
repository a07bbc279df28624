package io.opensbc.config.model.operations;

/** The {@code operations} section; every part has defaults. */
public record OperationsConfig(CallRecordsConfig callRecords, CaptureConfig capture, ClockConfig clock) {
  public static final OperationsConfig DEFAULT =
      new OperationsConfig(CallRecordsConfig.DEFAULT, CaptureConfig.DEFAULT, ClockConfig.DEFAULT);

  public OperationsConfig {
    callRecords = callRecords == null ? CallRecordsConfig.DEFAULT : callRecords;
    capture = capture == null ? CaptureConfig.DEFAULT : capture;
    clock = clock == null ? ClockConfig.DEFAULT : clock;
  }
}
