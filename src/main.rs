fn main() {
    claimtrace::ui::note_process_start();
    let var = std::env::var_os;
    if claimtrace::ui::quiet_device_select(
        var("XDG_RUNTIME_DIR").as_deref(),
        var("NODEVICE_SELECT").as_deref(),
    ) {
        // SAFETY: the first thing `main` does; no other thread runs yet to read the environment.
        unsafe { std::env::set_var("NODEVICE_SELECT", "1") };
    }
    std::process::exit(claimtrace::cli::main());
}
