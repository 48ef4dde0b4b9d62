fn main() {
    claimtrace::ui::note_process_start();
    std::process::exit(claimtrace::cli::main());
}
