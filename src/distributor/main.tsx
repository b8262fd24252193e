// Importing @preact/signals hooks signals into Preact: a component re-renders when a signal it read changes.
import '@preact/signals';
import { render } from 'preact';
import '../ui/base.css';
import { DistributorApp } from './DistributorApp.tsx';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
render(<DistributorApp />, root);
