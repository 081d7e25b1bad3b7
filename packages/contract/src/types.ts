/** Static types of the API v1 bodies, inferred from the schemas (type-only: no runtime cost). */
import type Type from 'typebox';
import type * as S from './schemas.js';

type T<K extends Type.TSchema> = Type.Static<K>;

export type ErrorBody = T<typeof S.ErrorBody>;
export type Scenario = T<typeof S.Scenario>;
export type ScenarioList = T<typeof S.ScenarioList>;
export type CreateSessionRequest = T<typeof S.CreateSessionRequest>;
export type CoachLine = T<typeof S.CoachLine>;
export type Session = T<typeof S.Session>;
export type TurnRequest = T<typeof S.TurnRequest>;
export type TurnResponse = T<typeof S.TurnResponse>;
export type TurnDeltaEvent = T<typeof S.TurnDeltaEvent>;
export type TurnDoneEvent = T<typeof S.TurnDoneEvent>;
export type CriterionScore = T<typeof S.CriterionScore>;
export type Feedback = T<typeof S.Feedback>;
export type ActivationEvent = T<typeof S.ActivationEvent>;
export type EventBatch = T<typeof S.EventBatch>;
export type EventsAccepted = T<typeof S.EventsAccepted>;
export type AudienceMember = T<typeof S.AudienceMember>;
export type AudienceRequest = T<typeof S.AudienceRequest>;
export type AudienceResponse = T<typeof S.AudienceResponse>;
export type ActivationQuery = T<typeof S.ActivationQuery>;
export type ActivationReport = T<typeof S.ActivationReport>;
export type NudgeRequest = T<typeof S.NudgeRequest>;
export type NudgeResponse = T<typeof S.NudgeResponse>;
export type Health = T<typeof S.Health>;
export type AuthoredCriterion = T<typeof S.AuthoredCriterion>;
export type ScenarioScript = T<typeof S.ScenarioScript>;
export type ScenarioInput = T<typeof S.ScenarioInput>;
export type AuthoredScenario = T<typeof S.AuthoredScenario>;
export type ScenarioVersions = T<typeof S.ScenarioVersions>;
export type ScenarioStatus = AuthoredScenario['status'];
export type MyAttemptsQuery = T<typeof S.MyAttemptsQuery>;
export type Attempt = T<typeof S.Attempt>;
export type MyAttempts = T<typeof S.MyAttempts>;
