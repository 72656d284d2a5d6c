//! What the editor hands its sections, kept between renders so that a keystroke rebuilds
//! only what it changed: the parts of the answers (the same `Rc` while a part is equal, so
//! an untouched item's props compare equal by pointer) and the data derived from them
//! (the team's names for the actions), rebuilt only when their inputs changed.

use super::fields::pick;
use super::header::HEADER_KEYS;
use super::state::ladder_items;
use super::{Part, Shared};
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// The answer keys of the registration checklist.
pub const CHECK_KEYS: &[&str] = &[
    "afspraken",
    "registraties",
    "volgende_bespreking",
    "gedeeld_op",
];

/// The answers split into what each section and item owns.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanParts {
    pub header: Part,
    pub beeldvorming: Part,
    pub long_term: Part,
    pub checklist: Part,
    pub team: Vec<Part>,
    pub goals: Vec<Part>,
    pub levels: Vec<Part>,
    pub actions: Vec<Part>,
    /// The team members' names (trimmed, not empty), for "who" of an action.
    pub team_names: Rc<Vec<String>>,
}

/// The last render's parts, by key (`team[3]`, `header`).
#[derive(Debug, Default)]
pub struct PartsCache {
    parts: HashMap<String, Part>,
    team: Vec<Part>,
    team_names: Rc<Vec<String>>,
}

impl PartsCache {
    /// The parts of `answers`, reusing every part equal to the one of the last call.
    pub fn split(&mut self, answers: &Value) -> PlanParts {
        let mut new = HashMap::with_capacity(self.parts.len());
        let mut share = |key: String, v: &Value| -> Part {
            let part = match self.parts.remove(&key) {
                Some(old) if *old == *v => old,
                _ => Shared::new(v.clone()),
            };
            new.insert(key, part.clone());
            part
        };
        let header = share("header".into(), &pick(answers, HEADER_KEYS));
        let beeldvorming = share("beeldvorming".into(), &pick(answers, &["beeldvorming"]));
        let long_term = share("lange_termijn".into(), &pick(answers, &["lange_termijn"]));
        let checklist = share("afspraken".into(), &pick(answers, CHECK_KEYS));
        let mut items = |group: &str| -> Vec<Part> {
            ladder_items(answers, group)
                .iter()
                .enumerate()
                .map(|(i, v)| share(format!("{group}[{i}]"), v))
                .collect()
        };
        let (team, goals, levels, actions) = (
            items("team"),
            items("doelen"),
            items("scenarios"),
            items("acties"),
        );
        self.parts = new;
        if team != self.team || self.team.is_empty() {
            self.team_names = Rc::new(team_names(&team));
            self.team = team.clone();
        }
        PlanParts {
            header,
            beeldvorming,
            long_term,
            checklist,
            team,
            goals,
            levels,
            actions,
            team_names: self.team_names.clone(),
        }
    }
}

fn team_names(team: &[Part]) -> Vec<String> {
    team.iter()
        .filter_map(|m| {
            m.get("naam")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan(n: usize) -> Value {
        json!({
            "persoon": {"naam": "Daniël"},
            "team": (0..n).map(|i| json!({"naam": format!("Lid {i}")})).collect::<Vec<_>>(),
            "doelen": (0..n).map(|i| json!({"doel": format!("Doel {i}")})).collect::<Vec<_>>(),
            "acties": (0..n).map(|i| json!({"wat": format!("Actie {i}")})).collect::<Vec<_>>(),
            "scenarios": [{"niveau": "Stabiel"}],
        })
    }

    fn same(a: &[Part], b: &[Part]) -> Vec<bool> {
        a.iter().zip(b).map(|(x, y)| x == y).collect()
    }

    #[test]
    fn a_keystroke_in_one_action_renews_only_that_action() {
        let mut cache = PartsCache::default();
        let mut a = plan(50);
        let before = cache.split(&a);
        a["acties"][40]["wat"] = json!("Actie 40 a");
        let after = cache.split(&a);
        let changed: Vec<usize> = (0..50)
            .filter(|&i| before.actions[i] != after.actions[i])
            .collect();
        assert_eq!(changed, [40], "only the edited action gets a new Rc");
        assert_eq!(after.actions[40]["wat"], json!("Actie 40 a"));
        assert!(same(&before.team, &after.team).iter().all(|&s| s));
        assert!(same(&before.goals, &after.goals).iter().all(|&s| s));
        assert!(same(&before.levels, &after.levels).iter().all(|&s| s));
        assert_eq!(before.header, after.header);
        assert_eq!(before.checklist, after.checklist);
        assert!(
            Rc::ptr_eq(&before.team_names, &after.team_names),
            "the team's names are not rebuilt when the team did not change"
        );
    }

    #[test]
    fn the_team_names_follow_the_team() {
        let mut cache = PartsCache::default();
        let mut a = plan(3);
        let before = cache.split(&a);
        assert_eq!(*before.team_names, ["Lid 0", "Lid 1", "Lid 2"]);
        a["team"][1]["naam"] = json!("  ");
        a["team"][2]["naam"] = json!(" Sanne ");
        let after = cache.split(&a);
        assert_eq!(*after.team_names, ["Lid 0", "Sanne"]);
        assert_eq!(same(&before.team, &after.team), [true, false, false]);
    }

    #[test]
    fn removing_an_item_renews_the_items_after_it() {
        let mut cache = PartsCache::default();
        let mut a = plan(4);
        let before = cache.split(&a);
        a["doelen"].as_array_mut().expect("array").remove(1);
        let after = cache.split(&a);
        assert_eq!(after.goals.len(), 3);
        assert_eq!(same(&before.goals, &after.goals), [true, false, false]);
        assert_eq!(after.goals[1]["doel"], json!("Doel 2"));
    }
}
