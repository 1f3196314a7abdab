// Benchmarks (placeholder until the model lands).
int main() { return 0; }
