//! Any bytes given to the plan-text importer give a plan or an error, never a panic, and a
//! plan that comes back has one id per action.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = formats::plan_text::import_bytes(data) {
        let mut ids = std::collections::HashSet::new();
        for plan in &imported.partnership.plans {
            for (_, action) in plan.actions() {
                assert!(
                    ids.insert(action.id.clone()),
                    "repeated action id {}",
                    action.id
                );
            }
        }
    }
});
