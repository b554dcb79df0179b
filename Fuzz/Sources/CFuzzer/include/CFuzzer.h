// libFuzzer's entry point for a program with a main of its own (compiler-rt's FuzzerDriver).
#ifndef KEIKYO_CFUZZER_H
#define KEIKYO_CFUZZER_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
