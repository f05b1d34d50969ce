/** Training of the shipped models from ../shared data (today: the topic classifier). */
export { crossValidateTopics, DEFAULT_TOPIC_TRAINING_OPTIONS, readTopicExamples, readUnlabelledArticles, serializeTopicModel, trainTopicModel } from './train-topics.js';
export type { TopicCrossValidation, TopicExample, TopicTrainingOptions, UnlabelledArticle } from './train-topics.js';
export { hashTrainerFiles, TOPIC_TRAINER_FILES } from './trainer-files.js';
