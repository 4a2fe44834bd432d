// Why this file exists: the download worker's entry; the work lives in models-api.ts.
import { expose } from 'comlink';
import './rpc';
import { modelsApi } from './models-api';

expose(modelsApi);
