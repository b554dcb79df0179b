// Only the header: libFuzzer itself is linked by -sanitize=fuzzer.
