//! Assurance: how the board knows its work makes children safer. The risk register
//! ([`risks`]: likelihood and impact, scores, appetite, the 5x5 heat map) and the Section 11
//! self-assessment ([`section11`]: standards, agencies' ratings on a scale, who may see which
//! return). Pure types and rules; the store keeps their history.

pub mod risks;
pub mod section11;
