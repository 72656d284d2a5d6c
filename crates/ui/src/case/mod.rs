//! The case in the browser: the caseload (`<llk-casussen>`), one case with its timeline,
//! deadlines, documents and next step (`<llk-casus>`). The components show what
//! `llk_core::case` computes; they keep no state of the case of their own.

pub mod case_view;
pub mod caseload;
pub mod kengetallen_view;
pub mod pagination;
pub mod receive_view;
pub mod timeline_view;

pub use case_view::{CaseNotice, CaseView, CaseViewProps};
pub use caseload::{CaseRow, Caseload, CaseloadProps, PAGE_SIZE};
pub use kengetallen_view::{KengetallenView, KengetallenViewProps};
pub use pagination::{Pagination, PaginationProps};
pub use receive_view::{ReceiveOutcome, ReceiveView, ReceiveViewProps};
pub use timeline_view::{CaseTimeline, CaseTimelineProps};
