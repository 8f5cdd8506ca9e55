import { apiClient as c, type ApiBody, type ApiOk, type ApiQuery } from './typed.ts';
import { postFile } from './client.ts';

/** The 信访 API as the console uses it; every shape comes from the generated OpenAPI types (schema.gen.ts). */

export type RegisterPetitionInput = ApiBody<'/petitions', 'post'>;
export type RegisterPetitionResult = ApiOk<'/petitions', 'post'>;
export type PetitionerInput = NonNullable<RegisterPetitionInput['petitioners']>[number];
export type PetitionChannel = RegisterPetitionInput['channel'];
export type MatterType = RegisterPetitionInput['matterType'];
export type Urgency = NonNullable<RegisterPetitionInput['urgency']>;
export type UpperLevel = NonNullable<RegisterPetitionInput['upper']>['level'];

export type PetitionListQuery = ApiQuery<'/petitions'>;
export type PetitionFlag = NonNullable<PetitionListQuery['flag']>;
export type PetitionListItem = ApiOk<'/petitions'>['items'][number];

export type PetitionDetail = ApiOk<'/petitions/{id}'>;
export type PetitionFlags = PetitionDetail['flags'];
export type PetitionDeadline = PetitionDetail['deadlines'][number];
export type PetitionerView = PetitionDetail['petitioners'][number];
export type PetitionParty = PetitionDetail['parties'][number];
export type AllowedAction = PetitionDetail['allowedActions'][number];
/** 'initial' (初次), 'fucha' (复查) or 'fuhe' (复核); the server sends it as a string */
export type PetitionStage = 'initial' | 'fucha' | 'fuhe';

export type RepeatCandidate = ApiOk<'/petitions/repeat-candidates'>['items'][number];
export type CategoryNode = ApiOk<'/petition-categories'>['items'][number];
export type IntakeSettings = ApiOk<'/petitions/intake-settings'>;
export type CounterUpload = ApiOk<'/petitions/uploads', 'post'>;
export type Receptionist = ApiOk<'/petitions/receptionists'>['items'][number];

export const petitionApi = {
  register: (input: RegisterPetitionInput) => c.post('/petitions', { body: input }),
  repeatCandidates: (query: ApiQuery<'/petitions/repeat-candidates'>) => c.get('/petitions/repeat-candidates', { query }),
  categories: () => c.get('/petition-categories'),
  /** configurable thresholds the intake form hints with (the server derives the flags itself) */
  intakeSettings: () => c.get('/petitions/intake-settings'),
  /** the staff of the registering unit who may be named 接待人 of a visit */
  receptionists: () => c.get('/petitions/receptionists'),
  /** a scanned letter or visit record, uploaded before the registration; its token goes into register({ attachments }) */
  upload: (file: File) => postFile<CounterUpload>('/petitions/uploads', file, file.name),
  list: (query: PetitionListQuery) => c.get('/petitions', { query }),
  get: (id: number) => c.get('/petitions/{id}', { params: { id } }),
  /** who may approve an extension of the case (the handling unit's staff other than the caller, county leaders) */
  approvers: (id: number) => c.get('/petitions/{id}/approvers', { params: { id } }),
  act: (id: number, action: string, input: Record<string, unknown>) => c.post('/petitions/{id}/actions/{action}', { params: { id, action }, body: input }),
  reveal: (id: number, pid: number, field: 'name' | 'idNumber' | 'phone', reason: string) =>
    c.post('/petitions/{id}/petitioners/{pid}/reveal', { params: { id, pid }, body: { field, reason } }),
};
