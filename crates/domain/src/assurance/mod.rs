//! Assurance: how the board knows its work makes children safer and whether practice is good.
//! The risk register ([`risks`]: likelihood and impact, scores, appetite, the 5x5 heat map),
//! the Section 11 self-assessment ([`section11`]: standards, agencies' ratings on a scale, who
//! may see which return), the audit programme and case-file audits ([`audits`]), and the
//! golden thread from a priority or action to what assures it ([`thread`]). Pure types and
//! rules; the store keeps their history.
pub mod audits;
pub mod risks;
pub mod section11;
pub mod thread;
