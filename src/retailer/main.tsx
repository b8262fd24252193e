// Importing @preact/signals hooks signals into Preact: a component re-renders when a signal it read changes.
import '@preact/signals';
import { render } from 'preact';
import '../ui/base.css';
import { RetailerApp } from './RetailerApp.tsx';

const root = document.getElementById('app');
if (root === null) throw new Error('retailer.html has no #app element');
render(<RetailerApp />, root);
